#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (written by `make gradescope`).
# It makes source/.venv: Python @PYTHON_VERSION@ with the exact packages of requirements.lock, the versions the
# grader was built and tested with. Nothing is fetched when a submission is graded.
#
#   GRADER_PYTHON=/path/to/python3.X   use this interpreter (3.11 or later) instead of looking for one
#   GRADER_VENV=/path/to/venv          use this existing environment (it must satisfy requirements.lock):
#                                      for running the package outside Gradescope, without the network
set -euo pipefail
SOURCE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VERSION="@PYTHON_VERSION@"
VENV="$SOURCE/.venv"

usable() {  # a Python of 3.11 or later with venv and ensurepip (Debian ships them apart)
    [ -n "$1" ] && command -v "$1" >/dev/null 2>&1 &&
        "$1" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1
}

check() {  # the environment has every pinned package at its pinned version, and the grader imports
    (cd "$SOURCE" && "$VENV/bin/python" -m grader.gradescope.package --check requirements.lock)
}

# The checks and the config are the grader's alone (it runs as root): where Docker leaves the sandbox no
# Landlock, its uid 65534 still cannot read them.
chmod -R go-rwx "$SOURCE/assignments"

if [ -n "${GRADER_VENV:-}" ]; then
    ln -sfn "$GRADER_VENV" "$VENV"
    check
    exit 0
fi

PY=""
for candidate in "${GRADER_PYTHON:-}" "python$VERSION"; do
    if usable "$candidate"; then PY="$candidate"; break; fi
done
if [ -z "$PY" ] && command -v apt-get >/dev/null 2>&1; then
    # Ubuntu's archive has the version on some releases (22.04: python3.11); quietly try it first
    apt-get update -qq || true
    apt-get install -y -qq "python$VERSION" "python$VERSION-venv" >/dev/null 2>&1 || true
    if usable "python$VERSION"; then PY="python$VERSION"; fi
fi
if [ -z "$PY" ]; then
    # else uv installs that exact Python (a standalone build) into the image
    if ! command -v uv >/dev/null 2>&1; then
        command -v curl >/dev/null 2>&1 || { apt-get install -y -qq curl ca-certificates >/dev/null; }
        curl -LsSf https://astral.sh/uv/install.sh | env UV_INSTALL_DIR=/usr/local/bin sh
    fi
    uv python install "$VERSION"
    PY="$(uv python find "$VERSION")"
fi
echo "setup.sh: $("$PY" --version) from $(command -v "$PY" || echo "$PY")"
rm -rf "$VENV"
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -r "$SOURCE/requirements.lock"
check
