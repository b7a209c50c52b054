"""The reports in a real browser: headless Chromium, driven over the DevTools protocol.

The demo class is graded with the command line, then Chromium opens ``index.html``, sorts the table,
follows the link to a student's report and takes screenshots at desktop and phone widths (set
``GRADER_SCREENSHOTS=docs/screenshots`` to keep them; otherwise they go to a temporary folder).
Chromium is driven through ``--remote-debugging-pipe`` (JSON messages on file descriptors 3 and 4), so
no Python package beyond the standard library is needed.

The reports are in Korean, so a font with Hangul must be installed too (``fc-list :lang=ko``); one test
checks that Chromium draws the page's Korean with it, not as boxes.  Where Chromium or the font is
missing the tests are skipped (a TA's laptop), except when the environment variable ``CI`` is set: then
they fail and say what to install.  ``.ci/run`` sets ``CI=1`` and installs both (Debian: chromium,
fonts-nanum).
"""
from __future__ import annotations

import base64
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from helpers import CI, ROOT, missing

DEMO = ROOT / "solutions" / "neural_network" / "demo_class"
CHROMIUM = next((p for p in (shutil.which("chromium"), shutil.which("chromium-browser"), "/usr/bin/chromium")
                 if p and Path(p).is_file()), None)
NO_CHROMIUM = "Chromium is not installed (Debian: apt-get install chromium)"
NO_KOREAN_FONT = ("no font for Korean: `fc-list :lang=ko` finds none, so the reports' Korean text would render as "
                  "boxes (Debian: apt-get install fonts-nanum)")


def korean_fonts() -> set[str]:
    """The family names (every spelling) of the fonts fontconfig offers for Korean."""
    try:
        out = subprocess.run(["fc-list", ":lang=ko", "family"], capture_output=True, text=True, timeout=30).stdout
    except FileNotFoundError:  # no fontconfig: no font either
        return set()
    return {name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()}


FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
         "--remote-debugging-pipe"]
DESKTOP = {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}
PHONE = {"width": 390, "height": 844, "deviceScaleFactor": 2, "mobile": True}


class Chromium:
    """Just enough of the DevTools protocol: commands with replies, and waiting for an event."""

    def __init__(self, timeout: float = 30) -> None:
        self.profile = tempfile.mkdtemp(prefix="grader-chromium-")
        self.timeout, self.buffer, self.events, self.last_id = timeout, b"", [], 0
        to_browser_r, self.to_browser = os.pipe()
        self.from_browser, from_browser_w = os.pipe()

        def on_fds_3_and_4() -> None:  # in the child: fd 3 is what it reads, fd 4 what it writes
            r, w = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        self.process = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                        preexec_fn=on_fds_3_and_4, close_fds=False, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_browser_r)
        os.close(from_browser_w)
        target = self.send("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.page("Page.enable")
        self.page("Runtime.enable")

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.from_browser], [], [], self.timeout)
            if not ready:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self.from_browser, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self.last_id += 1
        message: dict[str, Any] = {"id": self.last_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.to_browser, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.last_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]
            self.events.append(reply)

    def page(self, method: str, **params: Any) -> dict[str, Any]:
        return self.send(method, self.session, **params)

    def wait_for(self, event: str) -> dict[str, Any]:
        for i, e in enumerate(self.events):
            if e.get("method") == event:
                return self.events.pop(i)
        while True:
            message = self._read()
            if message.get("method") == event:
                return message
            self.events.append(message)

    def js(self, expression: str) -> Any:
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(result["exceptionDetails"])
        return result["result"].get("value")

    def goto(self, url: str) -> None:
        self.events.clear()
        self.page("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")

    def click_and_wait(self, selector: str) -> None:
        self.events.clear()
        self.js(f"document.querySelector({json.dumps(selector)}).click()")
        self.wait_for("Page.loadEventFired")

    def viewport(self, metrics: dict[str, Any]) -> None:
        self.page("Emulation.setDeviceMetricsOverride", **metrics)

    def screenshot(self, path: Path, metrics: dict[str, Any], max_height: int | None = None) -> bytes:
        """The whole page at the width of ``metrics`` (its top ``max_height`` CSS pixels, if given)."""
        self.viewport(metrics)
        height = self.js("Math.ceil(document.documentElement.scrollHeight)")
        self.viewport(dict(metrics, height=min(height, max_height or height)))
        data = base64.b64decode(self.page("Page.captureScreenshot", format="png")["data"])
        self.viewport(metrics)
        path.write_bytes(data)
        return data

    def fonts_of(self, selector: str) -> list[dict[str, Any]]:
        """The fonts Chromium drew the text of the first element matching ``selector`` with (family, glyphs)."""
        self.page("DOM.enable")
        self.page("CSS.enable")
        try:
            document = self.page("DOM.getDocument")["root"]["nodeId"]
            node = self.page("DOM.querySelector", nodeId=document, selector=selector)["nodeId"]
            return self.page("CSS.getPlatformFontsForNode", nodeId=node)["fonts"]
        finally:
            self.page("CSS.disable")
            self.page("DOM.disable")

    def close(self) -> None:
        try:
            self.send("Browser.close")
            self.process.wait(timeout=10)
        except Exception:  # noqa: BLE001 - closing must not hide the test's own failure
            self.process.kill()
            self.process.wait()
        finally:
            os.close(self.to_browser)
            os.close(self.from_browser)
            shutil.rmtree(self.profile, ignore_errors=True)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> Path:
    """The demo class graded with the command line, in Korean (the assignment's default language)."""
    out = tmp_path_factory.mktemp("demo_reports")
    p = subprocess.run([sys.executable, "-m", "grader", "--assignment", str(ROOT / "assignments" / "neural_network"),
                        "--submissions", str(DEMO), "--reports", str(out), "--lang", "ko", "--quiet"],
                       cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    return out


@pytest.fixture(scope="module")
def browser():
    """Chromium, started once; None where it is not installed and CI is set (the test then fails: see ``need``)."""
    if CHROMIUM is None:
        if not CI:
            pytest.skip(NO_CHROMIUM)  # before the demo class is graded for nothing
        yield None
        return
    b = Chromium()
    yield b
    b.close()


def need(browser: Chromium | None) -> Chromium:
    if browser is None:
        missing(NO_CHROMIUM)
    return browser


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    keep = os.environ.get("GRADER_SCREENSHOTS")
    folder = (ROOT / keep) if keep and not Path(keep).is_absolute() else Path(keep) if keep else \
        tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def fits(browser: Chromium) -> bool:
    """Nothing wider than the screen: wide tables scroll inside their own box, the page does not."""
    return browser.js("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_overview_opens_sorts_and_links_to_a_students_report(browser, reports, shots):
    browser = need(browser)
    browser.viewport(DESKTOP)
    browser.goto((reports / "index.html").as_uri())
    students = sorted(p.stem for p in DEMO.iterdir() if p.suffix in (".py", ".ipynb"))
    assert browser.js("[...document.querySelectorAll('#grades tbody th a')].map(a => a.textContent)") == students
    assert browser.js("document.title").startswith("반 전체 요약")

    # the sortable table: a click on "score" sorts ascending, a second click descending
    score = "document.querySelector('#grades thead th:nth-child(2)')"
    read = "[...document.querySelectorAll('#grades tbody td.score')].map(td => parseFloat(td.dataset.sort))"
    browser.js(f"{score}.click()")
    assert browser.js(read) == sorted(browser.js(read))
    browser.js(f"{score}.click()")
    assert browser.js(read) == sorted(browser.js(read), reverse=True)
    assert browser.js(f"{score}.getAttribute('aria-sort')") == "descending"
    browser.goto((reports / "index.html").as_uri())  # back to the order the page came in
    assert fits(browser)
    browser.screenshot(shots / "index-desktop.png", DESKTOP)

    # follow the link of the first student whose answers ran but were wrong (a report with a diagnosis)
    row = "#grades tbody tr.st-ok:has(td.fail) th a"
    name = browser.js(f"document.querySelector('{row}').textContent")
    browser.click_and_wait(row)
    assert browser.js("location.href").endswith(f"/{name}.html")
    assert browser.js("document.querySelector('h1').textContent") == name
    assert browser.js("document.querySelectorAll('article.check.failed').length") > 0
    assert browser.js("document.querySelectorAll('td.wrong').length") > 0
    assert browser.js("!!document.querySelector('.diag')")
    assert browser.js("document.querySelector('#output details') === null || "
                      "!document.querySelector('#output details').open")  # folded away

    browser.viewport(PHONE)
    browser.goto(browser.js("location.href"))
    assert fits(browser), "the student's report is wider than a phone"
    browser.screenshot(shots / "student-phone.png", PHONE, max_height=1400)  # the top: verdicts, first mistakes
    for png in ("index-desktop.png", "student-phone.png"):
        assert (shots / png).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_every_page_fits_a_phone_and_prints(browser, reports):
    browser = need(browser)
    browser.viewport(PHONE)
    for page in sorted(reports.glob("*.html")):
        browser.goto(page.as_uri())
        assert fits(browser), f"{page.name} is wider than a phone"
    pdf = base64.b64decode(browser.page("Page.printToPDF", printBackground=True)["data"])
    assert pdf[:5] == b"%PDF-"


def test_the_overview_works_without_javascript(browser, reports):
    browser = need(browser)
    browser.page("Emulation.setScriptExecutionDisabled", value=True)
    try:
        browser.viewport(DESKTOP)
        browser.goto((reports / "index.html").as_uri())
        links = browser.js("[...document.querySelectorAll('#grades tbody th a')].length")
        assert browser.js("document.querySelector('.js-only').hidden")  # the script really did not run
    finally:
        browser.page("Emulation.setScriptExecutionDisabled", value=False)
    assert links == len([p for p in DEMO.iterdir() if p.suffix in (".py", ".ipynb")])


def test_korean_text_is_drawn_with_a_korean_font(browser, reports):
    """Every Hangul syllable of the overview's title is drawn with a font fontconfig lists for Korean, not as
    a box (a font without Hangul, or no font at all, gives boxes that no other test would notice)."""
    browser = need(browser)
    fonts = korean_fonts()
    if not fonts:
        missing(NO_KOREAN_FONT)
    browser.viewport(DESKTOP)
    browser.goto((reports / "index.html").as_uri())
    title = browser.js("document.querySelector('h1').textContent")
    hangul = sum("\uac00" <= ch <= "\ud7a3" for ch in title)
    assert hangul > 0, f"the overview's title has no Korean to look at: {title!r}"
    used = browser.fonts_of("h1")
    drawn = sum(f["glyphCount"] for f in used if f["familyName"] in fonts or f.get("postScriptName") in fonts)
    assert drawn >= hangul, (f"{title!r}: {hangul} Hangul syllables, but Chromium drew only {drawn} glyphs with a "
                             f"Korean font; fonts used: {used}; Korean fonts: {sorted(fonts)}")
