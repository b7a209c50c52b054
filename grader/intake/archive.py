"""An LMS's "download all submissions" zip, unpacked by hand into a private folder.

The zip comes from the LMS, but what is in it comes from students: a name may climb out of the folder
(``../../.bashrc``), an entry may be a symbolic link to the solutions, a student's own zip may be a bomb.
``ZipFile.extractall`` quietly rewrites such names by its own rules and knows no sizes, so every entry is
checked here and written with ``open(path, "xb")``; what is not written comes back as a ``Refusal`` the TA
can read in English and Korean.  Only an archive that cannot be read at all is an ``ArchiveError``.

Decisions the CLI builds on:

- **Grade what can be graded.**  Past ``max_entries`` entries, or once the bytes unpacked would pass
  ``max_total_mb``, the rest is left out with *one* refusal (the first entry left out, and how many), not a
  row per entry.  A zip whose every entry is password-protected is returned with every entry refused: the
  CLI decides what that means.
- **A student's own zip** (``Kim Minji_123_assignsubmission_file/work.zip``) is unpacked beside itself into
  ``work/``, one level only, with the same checks and the shared limits; it is kept too.  It stands for one
  uploaded file, so all it unpacks to may not pass ``max_file_mb`` either (one student's bomb cannot use up
  the class's ``max_total_mb``), and it is taken only if all its entries fit in the entries left.
- **Sizes are counted, not believed.**  Every entry is streamed and counted while it is written; the
  header's sizes only let an honest bomb be refused before it is read.  ``max_total_mb`` counts every byte
  unpacked, kept or not, so it bounds the time spent as well as the disk.  The ratio is judged only past
  ``RATIO_FROM`` bytes: a small file of zeros amplifies nothing worth refusing.
- **macOS junk** (``__MACOSX/``, ``._*`` AppleDouble files, ``.DS_Store``) is skipped silently: it is no
  one's submission, and a refusal per file would bury the real ones.
- **Names**: without the zip's UTF-8 flag a name is tried as UTF-8 (macOS) and then CP949 (Korean
  Windows) before zipfile's cp437; every written name is NFC (macOS stores decomposed Hangul), and
  backslashes are separators (older Windows tools store ``folder\\file.py``).  Two entries that come to
  the same path: the second is refused, naming the first.
"""
from __future__ import annotations

import errno
import os
import re
import stat
import struct
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from ..feedback.text import Text

MB = 1024 * 1024
CHUNK = 64 * 1024
RATIO_FROM = MB            # an entry is judged by its ratio only once it has unpacked to this many bytes
TABLE_BYTES_PER_ENTRY = 1024  # a student's zip whose table of contents is larger than this per entry left is not opened
UTF8_NAMES = 0x800
ENCRYPTED = 0x1
JUNK_FOLDERS = {"__MACOSX"}
JUNK_FILES = {".DS_Store"}
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Limits:
    max_entries: int = 5000            # entries in the zip (nested zips count theirs too)
    max_total_mb: float = 500.0        # uncompressed bytes written in all, MB (zip bombs)
    max_file_mb: float = 50.0          # one entry, uncompressed
    max_ratio: float = 200.0           # uncompressed / compressed size of one entry beyond which it is refused


@dataclass(frozen=True)
class Refusal:
    entry: str                         # the entry's name as stored in the zip (nested: "outer/inner.zip!inner/path")
    reason: Text


@dataclass(frozen=True)
class Unpacked:
    folder: Path                       # the private temporary folder holding what was written
    refused: tuple[Refusal, ...]
    entries: int                       # entries looked at (junk and folders included; not those left out)


class ArchiveError(Exception):
    """The file cannot be read as a zip at all (not a zip, empty, cut short): nothing was written."""

    def __init__(self, text: Text):
        super().__init__(text.en)
        self.text = text


# Why an entry was not written: one plain sentence each.
DOTDOT = Text("its path points outside the archive (..), so it was not unpacked",
              "압축 파일 밖을 가리키는 경로(..)라서 풀지 않았습니다")
ABSOLUTE = Text("its path is absolute (it starts at / or at a drive such as C:), so it was not unpacked",
                "절대 경로(/ 또는 C: 같은 드라이브 문자로 시작)라서 풀지 않았습니다")
CONTROL_CHAR = Text("its name holds a control character (such as NUL or a line break), so it was not unpacked",
                    "이름에 제어 문자(NUL, 줄바꿈 등)가 들어 있어서 풀지 않았습니다")
SYMLINK = Text("it is a symbolic link, which could point at any file on the grading machine, "
               "so it was not created",
               "채점 컴퓨터의 아무 파일이나 가리킬 수 있는 심볼릭 링크라서 만들지 않았습니다")
SPECIAL = Text("it is a device, pipe or other special file, so it was not created",
               "장치 파일이나 파이프 같은 특수 파일이라서 만들지 않았습니다")
PASSWORD = Text("it is password-protected, so it could not be read",
                "암호가 걸려 있어서 읽을 수 없습니다")
SAME_PATH = Text("it would be written to the same path as {first}, which was unpacked first",
                 "먼저 푼 {first} 항목과 경로가 같아서 풀지 않았습니다")
TOO_BIG = Text("it unpacks to more than {mb} MB, the limit for one file, so it was not unpacked",
               "풀면 파일 하나의 한도인 {mb}MB를 넘어서 풀지 않았습니다")
RATIO = Text("it grows more than {ratio:g}-fold when unpacked, as zip bombs do, so it was not unpacked",
             "압축을 풀면 {ratio:g}배 넘게 커지는 파일이라(압축 폭탄일 수 있음) 풀지 않았습니다")
DAMAGED = Text("it is damaged (its data is cut short or does not match its checksum), so it was not unpacked",
               "파일이 손상되어(데이터가 중간에 끊기거나 체크섬이 맞지 않음) 풀지 않았습니다")
METHOD = Text("it is compressed with a method the grader cannot read (method {method}), "
              "so it was not unpacked",
              "채점기가 읽을 수 없는 방식(압축 방식 {method})으로 압축되어 있어서 풀지 않았습니다")
UNWRITABLE = Text("it could not be written ({error})",
                  "파일을 쓸 수 없었습니다({error})")
TOO_DEEP = Text("it is a zip inside a student's zip, and only one level of zips is opened, "
                "so it was not unpacked",
                "학생이 올린 zip 안에 든 zip이라 풀지 않았습니다(zip은 한 단계만 엽니다)")
NESTED_UNREADABLE = Text("it could not be opened as a zip (it is damaged or not a zip), "
                         "so its contents were not unpacked",
                         "zip으로 열 수 없어서(손상되었거나 zip이 아님) 안의 파일을 풀지 않았습니다")
NESTED_TOO_MANY = Text("it holds more entries than the {left} the limit still allows, "
                       "so its contents were not unpacked",
                       "안에 든 항목이 남은 한도({left}개)보다 많아서 안의 파일을 풀지 않았습니다")

# Why the rest of an archive was left out: the first half of a sentence (see _left_out).
TOO_MANY = Text("the archive holds more than {max} entries (nested zips included)",
                "항목이 {max}개를 넘어서(안에 든 zip의 항목 포함)")
TOTAL = Text("the archive would unpack to more than {mb} MB in all",
             "모두 풀면 {mb}MB를 넘어서")
NESTED_TOTAL = Text("this student's zip would unpack to more than {mb} MB",
                    "이 학생의 zip을 풀면 {mb}MB를 넘어서")

KINDS = {b"%PDF": ("a PDF", "PDF 파일"), b"Rar!": ("a RAR archive", "RAR 압축 파일"),
         b"7z\xbc\xaf": ("a 7-Zip archive", "7-Zip 압축 파일"), b"\x1f\x8b": ("a gzip file", "gzip 파일")}


class _Stop(Exception):
    """The rest of an archive is left out; ``everything``: the outer archive's rest too."""

    def __init__(self, why: Text, everything: bool, inner: bool = False):
        self.why, self.everything, self.inner = why, everything, inner


@dataclass
class _Budget:
    left: int                          # bytes that may still be unpacked


@dataclass
class _Run:
    root: str                          # realpath of ``into``
    limits: Limits
    total: _Budget
    refused: list[Refusal] = field(default_factory=list)
    entries: int = 0
    claimed: dict[str, tuple[str, bool]] = field(default_factory=dict)  # path -> (entry that made it, folder?)
    folders: dict[tuple[str, ...], str] = field(default_factory=dict)   # made folders -> their realpath

    def refuse(self, entry: str, reason: Text) -> None:
        self.refused.append(Refusal(entry, reason))


def unpack(zip_path: Path, into: Path, limits: Limits = Limits()) -> Unpacked:
    """Writes the zip's safe entries below ``into`` (an existing, empty folder the caller made private, e.g. with
    tempfile.mkdtemp) and returns what was refused and why; never writes anywhere else."""
    zip_path, into = Path(zip_path), Path(into)
    if not into.is_dir() or any(into.iterdir()):
        raise ValueError(f"{into} must be an existing, empty folder")  # a caller's mistake, not the archive's
    try:
        archive = zipfile.ZipFile(zip_path)
    except Exception as error:  # hostile bytes raise more than BadZipFile (ValueError, struct.error, ...)
        raise ArchiveError(_unreadable(zip_path, error)) from None
    run = _Run(os.path.realpath(into), limits, _Budget(int(limits.max_total_mb * MB)))
    with archive:
        _walk(run, archive, "", (), None)
    return Unpacked(into, tuple(run.refused), run.entries)


def _walk(run: _Run, archive: zipfile.ZipFile, where: str, base: tuple[str, ...], scope: _Budget | None) -> None:
    """Every entry of one archive (``scope`` is None for the LMS's zip, a student's zip's own budget else)."""
    infos = archive.infolist()
    for i, info in enumerate(infos):
        try:
            if run.entries >= run.limits.max_entries:
                raise _Stop(TOO_MANY.format(max=run.limits.max_entries), everything=True)
            run.entries += 1
            _entry(run, archive, info, where, base, scope)
        except _Stop as stop:
            rest = infos[i + 1:] if stop.inner else infos[i:]
            if rest:
                run.refuse(where + _shown(_name(rest[0])), _left_out(len(rest), stop.why))
            if stop.everything and scope is not None:
                raise _Stop(stop.why, everything=True, inner=True) from None
            return


def _entry(run: _Run, archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str, base: tuple[str, ...],
           scope: _Budget | None) -> None:
    name = _name(info)
    shown = where + _shown(name)
    parts, problem = _parts(name)
    if problem:
        return run.refuse(shown, problem)
    if not parts or JUNK_FOLDERS.intersection(parts) or parts[-1].startswith("._") or parts[-1] in JUNK_FILES:
        return
    kind = stat.S_IFMT(info.external_attr >> 16)
    if kind == stat.S_IFLNK:
        return run.refuse(shown, SYMLINK)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        return run.refuse(shown, SPECIAL)
    rel = base + parts
    key = "/".join(rel)
    first = run.claimed.get(key)
    if name.replace("\\", "/").endswith("/") or kind == stat.S_IFDIR:  # a folder, in either separator
        if first and not first[1]:
            return run.refuse(shown, SAME_PATH.format(first=first[0]))
        try:
            _folder(run, rel)
        except OSError as error:
            return run.refuse(shown, UNWRITABLE.format(error=error.strerror or error))
        run.claimed.setdefault(key, (shown, True))
        return
    if first:
        return run.refuse(shown, SAME_PATH.format(first=first[0]))
    if info.flag_bits & ENCRYPTED:
        return run.refuse(shown, PASSWORD)
    is_zip = len(parts[-1]) > 4 and parts[-1].lower().endswith(".zip")
    if is_zip and scope is not None:
        return run.refuse(shown, TOO_DEEP)
    problem = _declared(info, run, scope)
    if problem:
        return run.refuse(shown, problem)
    path = _write(run, archive, info, rel, shown, scope)
    if path is None:
        return
    run.claimed[key] = (shown, False)
    if is_zip:
        _nested(run, path, rel[:-1] + (parts[-1][:-4],), shown)


def _declared(info: zipfile.ZipInfo, run: _Run, scope: _Budget | None) -> Text | None:
    """What the header's sizes already tell, so that an honest bomb is not read at all: why the entry is
    refused, or (raised) that the rest is left out.  Only a shortcut: _write counts what really comes out."""
    limits = run.limits
    if info.file_size > RATIO_FROM and info.file_size > limits.max_ratio * info.compress_size:
        return RATIO.format(ratio=limits.max_ratio)
    if info.file_size > limits.max_file_mb * MB:
        return TOO_BIG.format(mb=f"{limits.max_file_mb:g}")
    if info.file_size > run.total.left:
        raise _Stop(_total(limits), everything=True)
    if scope is not None and info.file_size > scope.left:
        raise _Stop(_nested_total(limits), everything=False)
    return None


def _write(run: _Run, archive: zipfile.ZipFile, info: zipfile.ZipInfo, rel: tuple[str, ...], shown: str,
           scope: _Budget | None) -> str | None:
    """Streams the entry to its file, counting what really comes out: the header's sizes may lie.
    Returns the file's path, or None when it was refused (and nothing of it is left)."""
    limits = run.limits
    try:
        target = os.path.join(_folder(run, rel[:-1]), rel[-1])
    except OSError as error:
        run.refuse(shown, UNWRITABLE.format(error=error.strerror or error))
        return None
    created = False
    problem: Text | None = None
    stop: _Stop | None = None
    size = 0
    try:
        with open(target, "xb") as out:  # never overwrites, never follows a link
            created = True
            os.fchmod(out.fileno(), 0o644)
            with archive.open(info) as data:
                while chunk := data.read(CHUNK):
                    size += len(chunk)
                    run.total.left -= len(chunk)  # work done counts, kept or not
                    if scope is not None:
                        scope.left -= len(chunk)
                    if size > RATIO_FROM and size > limits.max_ratio * info.compress_size:
                        problem = RATIO.format(ratio=limits.max_ratio)
                    elif size > limits.max_file_mb * MB:
                        problem = TOO_BIG.format(mb=f"{limits.max_file_mb:g}")
                    elif run.total.left < 0:
                        stop = _Stop(_total(limits), everything=True)
                    elif scope is not None and scope.left < 0:
                        stop = _Stop(_nested_total(limits), everything=False)
                    if problem or stop:
                        break
                    out.write(chunk)
    except NotImplementedError:
        problem = METHOD.format(method=info.compress_type)
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, ValueError, struct.error):
        problem = DAMAGED
    except OSError as error:
        problem = UNWRITABLE.format(error=error.strerror or error)
    if problem or stop:
        if created:
            os.unlink(target)
        if stop:
            raise stop
        run.refuse(shown, problem)
        return None
    return target


def _nested(run: _Run, path: str, folder: tuple[str, ...], shown: str) -> None:
    """A student's own zip, unpacked beside itself into ``folder``, one level only."""
    left = run.limits.max_entries - run.entries
    try:
        too_many = _table_bytes(path) > left * TABLE_BYTES_PER_ENTRY
        inner = None if too_many else zipfile.ZipFile(path)
    except Exception:  # anything a student's bytes make zipfile raise
        return run.refuse(shown, NESTED_UNREADABLE)
    if inner is None:
        return run.refuse(shown, NESTED_TOO_MANY.format(left=left))
    with inner:
        if len(inner.infolist()) > left:
            return run.refuse(shown, NESTED_TOO_MANY.format(left=left))
        key = "/".join(folder)
        first = run.claimed.get(key)
        if first and not first[1]:
            return run.refuse(shown, SAME_PATH.format(first=first[0]))
        try:
            _folder(run, folder)
        except OSError as error:
            return run.refuse(shown, UNWRITABLE.format(error=error.strerror or error))
        run.claimed.setdefault(key, (shown, True))
        _walk(run, inner, shown + "!", folder, _Budget(int(run.limits.max_file_mb * MB)))


def _table_bytes(path: str) -> int:
    """The size of a zip's central directory as zipfile will read it.  zipfile reads it whole and makes an
    object of every record before anything can be counted (650,000 records fit in a 50 MB zip: a gigabyte of
    memory), so a student's zip is measured first.  0 when there is no end record (zipfile then fails itself)."""
    end_record, locator, zip64_record = b"PK\x05\x06", b"PK\x06\x07", 56
    with open(path, "rb") as f:
        end = f.seek(0, os.SEEK_END)
        f.seek(max(0, end - (22 + 0xFFFF + 20 + zip64_record)))
        tail = f.read()
    at = len(tail) - 22 if tail[-22:-18] == end_record else tail.rfind(end_record)
    if at < 0 or len(tail) - at < 22:
        return 0
    sizes = [struct.unpack_from("<L", tail, at + 12)[0]]
    if at >= 20 + zip64_record and tail[at - 20:at - 16] == locator:  # as zipfile does: the record before the locator
        sizes.append(struct.unpack_from("<Q", tail, at - 20 - zip64_record + 40)[0])
    return max(sizes)


def _folder(run: _Run, rel: tuple[str, ...]) -> str:
    """Makes the folder ``rel`` below the root (0o755 each) and returns its real path, checked to be inside."""
    if rel in run.folders:
        return run.folders[rel]
    path = run.root
    for part in rel:
        path = os.path.join(path, part)
        try:
            os.mkdir(path, 0o755)
        except FileExistsError:
            if os.path.islink(path) or not os.path.isdir(path):
                raise NotADirectoryError(errno.ENOTDIR, "a file of that name is in the way", path) from None
        else:
            os.chmod(path, 0o755)  # whatever the umask
    real = os.path.realpath(path)  # the parent, never the target: the target does not exist yet
    if real != run.root and not real.startswith(run.root + os.sep):
        raise PermissionError(errno.EPERM, "the folder resolves outside the unpacking folder", path)
    run.folders[rel] = real
    return real


def _name(info: zipfile.ZipInfo) -> str:
    """The entry's name as its author wrote it.  ``orig_filename`` keeps what ``filename`` cuts at a NUL; without
    the UTF-8 flag zipfile decoded the bytes as cp437, which maps every byte, so they are recovered exactly."""
    name = info.orig_filename
    if info.flag_bits & UTF8_NAMES:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    for codec in ("utf-8", "cp949"):  # macOS (no flag, decomposed), then Korean Windows
        try:
            return raw.decode(codec)
        except UnicodeDecodeError:
            pass
    return name


def _parts(name: str) -> tuple[tuple[str, ...], Text | None]:
    """The entry's path as folder names below the root, or why it has none there."""
    if CONTROL.search(name):
        return (), CONTROL_CHAR
    path = name.replace("\\", "/")  # \\server\x is //server/x: absolute
    if path.startswith("/") or DRIVE.match(path):
        return (), ABSOLUTE
    parts = tuple(unicodedata.normalize("NFC", p) for p in path.split("/") if p not in ("", "."))
    if ".." in parts:
        return (), DOTDOT
    return parts, None


def _shown(name: str) -> str:
    """The name for a TA's eyes: a control character spelled out, so a report's line stays one line."""
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", name)


def _left_out(count: int, why: Text) -> Text:
    if count == 1:
        return Text(f"this entry was not unpacked: {why.en}", f"{why.ko} 이 항목을 풀지 않았습니다")
    return Text(f"this entry and the {count - 1} after it were not unpacked: {why.en}",
                f"{why.ko} 이 항목부터 {count}개 항목을 풀지 않았습니다")


def _total(limits: Limits) -> Text:
    return TOTAL.format(mb=f"{limits.max_total_mb:g}")


def _nested_total(limits: Limits) -> Text:
    return NESTED_TOTAL.format(mb=f"{limits.max_file_mb:g}")


def _unreadable(path: Path, error: Exception) -> Text:
    """One line for the TA: why the file is no zip at all, and what to do."""
    name = path.name
    if isinstance(error, OSError):
        return Text(f"{name} could not be read: {error.strerror or error}",
                    f"{name} 파일을 읽을 수 없습니다: {error.strerror or error}")
    try:
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError:
        head = b""
    if not head:
        return Text(f"{name} is empty (0 bytes): download it again",
                    f"{name} 파일이 비어 있습니다(0바이트). 다시 내려받으세요")
    if head.startswith(b"PK\x03\x04") and "not a zip file" in str(error):
        return Text(f"{name} is cut short or damaged (its table of contents is missing): download it again",
                    f"{name} 파일이 중간에 잘렸거나 손상되어 목차를 읽을 수 없습니다. 다시 내려받으세요")
    for magic, (en, ko) in KINDS.items():
        if head.startswith(magic):
            return Text(f"{name} is {en}, not a zip file: download the submissions again as a zip",
                        f"{name} 파일은 zip이 아니라 {ko}입니다. 제출물을 zip으로 다시 내려받으세요")
    if head.startswith(b"PK"):
        return Text(f"{name} is a zip the grader cannot read ({error}): download it again",
                    f"{name} 파일은 채점기가 읽을 수 없는 zip입니다({error}). 다시 내려받으세요")
    return Text(f"{name} is not a zip file: download the submissions again as a zip",
                f"{name} 파일은 zip 파일이 아닙니다. 제출물을 zip으로 다시 내려받으세요")
