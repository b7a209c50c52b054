"""An LMS's "download all submissions" zip, read without trusting it: every hostile entry is built here with
``zipfile`` (and a byte patch where zipfile will not write such a thing), so each case reads in its test."""
from __future__ import annotations

import io
import os
import stat
import struct
import unicodedata
import warnings
import zipfile
from pathlib import Path

import pytest

from grader.intake import archive
from grader.intake.archive import (ABSOLUTE, CONTROL_CHAR, DAMAGED, DOTDOT, METHOD, NESTED_TOO_MANY,
                                   NESTED_TOTAL, NESTED_UNREADABLE, PASSWORD, RATIO, SAME_PATH, SPECIAL,
                                   SYMLINK, TOO_BIG, TOO_DEEP, TOO_MANY, TOTAL, ArchiveError, Limits, Refusal,
                                   Unpacked, unpack)

KIM = "Kim Minji_1234568_assignsubmission_file"
CODE = b"import numpy as np\n\nclass NeuralNetwork:\n    pass\n"
MB = archive.MB


def zip_bytes(entries: list[tuple[str | zipfile.ZipInfo, bytes]]) -> bytes:
    """A zip of (name or ZipInfo, data) in this order; duplicate names are allowed (zipfile only warns)."""
    buf = io.BytesIO()
    with warnings.catch_warnings(), zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        warnings.simplefilter("ignore")
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def unpack_bytes(tmp_path: Path, data: bytes, limits: Limits = Limits(), name: str = "download.zip") -> Unpacked:
    path = tmp_path / name
    path.write_bytes(data)
    (tmp_path / "out").mkdir()
    return unpack(path, tmp_path / "out", limits)


def listing(root: Path) -> dict[str, bytes | str | None]:
    """Every path below root: a file's bytes, a link's target, None for a folder."""
    out: dict[str, bytes | str | None] = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        out[rel] = os.readlink(p) if p.is_symlink() else p.read_bytes() if p.is_file() else None
    return out


def info(name: str, mode: int = 0, compress: int = zipfile.ZIP_DEFLATED) -> zipfile.ZipInfo:
    zi = zipfile.ZipInfo(name)
    zi.external_attr = mode << 16
    zi.compress_type = compress
    return zi


LOCAL = {"flag": (6, "<H"), "method": (8, "<H"), "crc": (14, "<L"), "size": (22, "<L")}
CENTRAL = {"flag": (8, "<H"), "method": (10, "<H"), "crc": (16, "<L"), "size": (24, "<L")}


def patch(data: bytes, name: str, **fields: int) -> bytes:
    """The zip with header fields of entry ``name`` overwritten, in its local header and its central record
    alike: what a tool that zipfile is not would write (an encryption flag, another method, a lying size)."""
    out, raw = bytearray(data), name.encode()
    for signature, name_at, length_at, layout in ((b"PK\x03\x04", 30, 26, LOCAL), (b"PK\x01\x02", 46, 28, CENTRAL)):
        at = out.find(signature)
        while at >= 0:
            if struct.unpack_from("<H", out, at + length_at)[0] == len(raw) and \
                    out[at + name_at:at + name_at + len(raw)] == raw:
                for key, value in fields.items():
                    offset, fmt = layout[key]
                    struct.pack_into(fmt, out, at + offset, value)
            at = out.find(signature, at + 1)
    return bytes(out)


def zeros_entry(name: str, megabytes: int) -> bytes:
    """A real small bomb: ``megabytes`` MB of zeros, deflated to about a thousandth of that."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(KIM + "/neural_network.py", CODE)
        with zf.open(info(name), "w") as f:
            for _ in range(megabytes):
                f.write(bytes(MB))
        zf.writestr("Lee Jun_1234569_assignsubmission_file/neural_network.py", CODE)
    return buf.getvalue()


def test_a_download_is_unpacked_with_its_folders_and_spaces_in_names(tmp_path):
    data = zip_bytes([(KIM + "/", b""), (KIM + "/neural network.py", CODE),
                      ("Lee Jun_1234569_assignsubmission_file/sub dir/neural_network.ipynb", b"{}"),
                      ("Park\\", b""), ("Park\\neural_network.py", CODE)])  # an older Windows tool's separator
    result = unpack_bytes(tmp_path, data)
    assert result == Unpacked(tmp_path / "out", (), 5)
    assert listing(tmp_path / "out") == {
        KIM: None, KIM + "/neural network.py": CODE,
        "Lee Jun_1234569_assignsubmission_file": None, "Lee Jun_1234569_assignsubmission_file/sub dir": None,
        "Lee Jun_1234569_assignsubmission_file/sub dir/neural_network.ipynb": b"{}",
        "Park": None, "Park/neural_network.py": CODE}


def test_a_zip_named_with_an_upper_case_suffix_is_read(tmp_path):
    result = unpack_bytes(tmp_path, zip_bytes([(KIM + "/nn.py", CODE)]), name="NN101-Week9 NeuralNetwork-1234.ZIP")
    assert result.refused == () and (tmp_path / "out" / KIM / "nn.py").read_bytes() == CODE


@pytest.mark.parametrize("name, shown, reason", [
    ("../planted.txt", None, DOTDOT),
    (KIM + "/../../planted.txt", None, DOTDOT),
    ("..\\planted.txt", None, DOTDOT),
    (KIM + "/sub/../../../new_outside.py", None, DOTDOT),
    ("{tmp}/planted.txt", None, ABSOLUTE),
    ("{tmp}/new_outside.py", None, ABSOLUTE),
    ("C:\\Windows\\evil.py", None, ABSOLUTE),
    ("c:/evil.py", None, ABSOLUTE),
    ("C:evil.py", None, ABSOLUTE),
    ("\\\\server\\share\\evil.py", None, ABSOLUTE),
    ("evil\x00.py", "evil\\x00.py", CONTROL_CHAR),
    (KIM + "/x\x00/../../../planted.txt", KIM + "/x\\x00/../../../planted.txt", CONTROL_CHAR),
    (KIM + "/line\nbreak.py", KIM + "/line\\x0abreak.py", CONTROL_CHAR),
])
def test_an_entry_with_a_path_out_of_the_folder_is_refused_and_nothing_is_written_outside(tmp_path, name, shown,
                                                                                            reason):
    name = name.format(tmp=tmp_path)
    (tmp_path / "planted.txt").write_bytes(b"the TA's file")
    zi = info("placeholder")
    zi.filename = name  # set after ZipInfo() cuts a name at NUL, as a hostile tool would store it
    data = zip_bytes([(zi, b"pwned"), (KIM + "/nn.py", CODE)])
    (tmp_path / "download.zip").write_bytes(data)
    before = listing(tmp_path)
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(shown or name, reason),)
    after = listing(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("out")} == before
    assert (tmp_path / "planted.txt").read_bytes() == b"the TA's file"
    assert listing(tmp_path / "out") == {KIM: None, KIM + "/nn.py": CODE}


@pytest.mark.parametrize("kind, reason", [(stat.S_IFLNK, SYMLINK), (stat.S_IFIFO, SPECIAL), (stat.S_IFCHR, SPECIAL),
                                          (stat.S_IFBLK, SPECIAL), (stat.S_IFSOCK, SPECIAL)])
def test_a_link_or_special_file_is_refused_and_never_created(tmp_path, kind, reason):
    (tmp_path / "planted.txt").write_bytes(b"the TA's file")
    data = zip_bytes([(info(KIM + "/up", kind | 0o777), str(tmp_path).encode()),
                      (KIM + "/up/planted.txt", b"pwned")])  # through the link, were it made
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/up", reason),)
    assert not os.path.islink(tmp_path / "out" / KIM / "up")
    assert (tmp_path / "out" / KIM / "up").is_dir()  # the next entry made a plain folder of that name
    assert (tmp_path / "planted.txt").read_bytes() == b"the TA's file"


def test_files_are_written_0644_and_folders_0755_whatever_the_zip_and_the_umask_say(tmp_path):
    data = zip_bytes([(info(KIM + "/", stat.S_IFDIR | 0o777), b""),
                      (info(KIM + "/run.sh", stat.S_IFREG | 0o6777), b"#!/bin/sh\n"),
                      (info(KIM + "/empty/", stat.S_IFDIR | 0o700), b""),
                      (info("Lee/deep/nn.py", 0o100777), CODE)])
    old = os.umask(0o077)
    try:
        result = unpack_bytes(tmp_path, data)
    finally:
        os.umask(old)
    assert result.refused == ()
    out = tmp_path / "out"
    modes = {p.relative_to(out).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in out.rglob("*")}
    assert modes == {KIM: 0o755, KIM + "/run.sh": 0o644, KIM + "/empty": 0o755,
                     "Lee": 0o755, "Lee/deep": 0o755, "Lee/deep/nn.py": 0o644}


def test_past_max_entries_the_rest_is_left_out_in_one_refusal(tmp_path):
    data = zip_bytes([(f"student{i}/nn.py", CODE) for i in range(10)])
    result = unpack_bytes(tmp_path, data, Limits(max_entries=4))
    assert result.entries == 4
    assert result.refused == (Refusal("student4/nn.py", archive._left_out(6, TOO_MANY.format(max=4))),)
    assert result.refused[0].reason.en == ("this entry and the 5 after it were not unpacked: "
                                           "the archive holds more than 4 entries (nested zips included)")
    assert result.refused[0].reason.ko == "항목이 4개를 넘어서(안에 든 zip의 항목 포함) 이 항목부터 6개 항목을 풀지 않았습니다"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [f"student{i}" for i in range(4)]


BOMB = KIM + "/weights.bin"


@pytest.mark.parametrize("limits, reason", [
    (Limits(), RATIO.format(ratio=200.0)),
    (Limits(max_ratio=1e6), TOO_BIG.format(mb="50")),
])
def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, limits, reason):
    data = zeros_entry(BOMB, 60)
    assert len(data) < 200_000  # 60 MB of zeros, as a student can upload it
    result = unpack_bytes(tmp_path, data, limits)
    assert result.refused == (Refusal(BOMB, reason),)
    assert not (tmp_path / "out" / BOMB).exists()
    assert (tmp_path / "out" / "Lee Jun_1234569_assignsubmission_file" / "neural_network.py").read_bytes() == CODE


def test_a_bomb_past_the_total_leaves_out_the_rest_in_one_refusal(tmp_path):
    result = unpack_bytes(tmp_path, zeros_entry(BOMB, 60), Limits(max_ratio=1e6, max_file_mb=100, max_total_mb=10))
    assert result.refused == (Refusal(BOMB, archive._left_out(2, TOTAL.format(mb="10"))),)
    assert listing(tmp_path / "out") == {KIM: None, KIM + "/neural_network.py": CODE}


@pytest.mark.parametrize("limits, reason", [
    (Limits(max_ratio=1e6, max_file_mb=5), TOO_BIG.format(mb="5")),
    (Limits(max_ratio=200), RATIO.format(ratio=200.0)),
])
def test_an_entry_is_cut_off_by_its_real_size_when_its_header_passes(tmp_path, monkeypatch, limits, reason):
    """The header's sizes only spare reading an honest bomb: with them ignored, counting stops it."""
    monkeypatch.setattr(archive, "_declared", lambda info, run, scope: None)
    result = unpack_bytes(tmp_path, zeros_entry(BOMB, 20), limits)
    assert result.refused == (Refusal(BOMB, reason),)
    assert not (tmp_path / "out" / BOMB).exists()
    assert sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()) == 2 * len(CODE)


def test_the_real_total_stops_unpacking_when_headers_pass(tmp_path, monkeypatch):
    monkeypatch.setattr(archive, "_declared", lambda info, run, scope: None)
    result = unpack_bytes(tmp_path, zeros_entry(BOMB, 20), Limits(max_ratio=1e6, max_file_mb=100, max_total_mb=8))
    assert result.refused == (Refusal(BOMB, archive._left_out(2, TOTAL.format(mb="8"))),)
    assert not (tmp_path / "out" / BOMB).exists()


def test_a_header_that_lies_about_its_size_does_not_get_past(tmp_path):
    data = patch(zeros_entry(BOMB, 20), BOMB, size=1000)  # 20 MB of zeros that say they are 1000 bytes
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo(BOMB).file_size == 1000
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(BOMB, DAMAGED),)
    assert not (tmp_path / "out" / BOMB).exists()
    assert sum(p.stat().st_size for p in (tmp_path / "out").rglob("*") if p.is_file()) == 2 * len(CODE)


def test_the_total_counts_every_entry_and_leaves_out_the_rest_in_one_refusal(tmp_path):
    data = zip_bytes([(f"student{i}/data.bin", os.urandom(2 * MB)) for i in range(5)])
    result = unpack_bytes(tmp_path, data, Limits(max_total_mb=5))
    assert result.refused == (Refusal("student2/data.bin", archive._left_out(3, TOTAL.format(mb="5"))),)
    assert result.refused[0].reason.en == ("this entry and the 2 after it were not unpacked: "
                                           "the archive would unpack to more than 5 MB in all")
    assert sorted(p.parent.name for p in (tmp_path / "out").rglob("*.bin")) == ["student0", "student1"]


def inner_zip(entries: list[tuple[str, bytes]]) -> bytes:
    return zip_bytes(entries)


def test_a_students_own_zip_is_unpacked_beside_itself_one_level_only(tmp_path):
    work = inner_zip([("neural_network.py", CODE), ("data/notes.txt", b"notes"),
                      ("__MACOSX/._neural_network.py", b"junk"), ("older.zip", inner_zip([("old.py", CODE)]))])
    data = zip_bytes([(KIM + "/my_work.zip", work), ("Lee/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/my_work.zip!older.zip", TOO_DEEP),)
    assert result.entries == 2 + 4
    assert listing(tmp_path / "out") == {
        KIM: None, KIM + "/my_work.zip": work, KIM + "/my_work": None,
        KIM + "/my_work/neural_network.py": CODE, KIM + "/my_work/data": None,
        KIM + "/my_work/data/notes.txt": b"notes", "Lee": None, "Lee/nn.py": CODE}


def test_a_students_zip_is_checked_like_the_download(tmp_path):
    (tmp_path / "planted.txt").write_bytes(b"the TA's file")
    work = inner_zip([("../../../planted.txt", b"pwned"), (info("link", stat.S_IFLNK | 0o777), b"/etc/passwd"),
                      ("nn.py", CODE)])
    data = zip_bytes([(KIM + "/work.ZIP", work), (KIM + "/work/nn.py", b"later")])
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/work.ZIP!../../../planted.txt", DOTDOT),
                              Refusal(KIM + "/work.ZIP!link", SYMLINK),
                              Refusal(KIM + "/work/nn.py", SAME_PATH.format(first=KIM + "/work.ZIP!nn.py")))
    assert (tmp_path / "out" / KIM / "work" / "nn.py").read_bytes() == CODE
    assert (tmp_path / "planted.txt").read_bytes() == b"the TA's file"


@pytest.mark.parametrize("content", [b"PK\x03\x04 this is no zip", b"", b"%PDF-1.4\n"])
def test_a_damaged_students_zip_is_a_refusal_not_an_error(tmp_path, content):
    data = zip_bytes([(KIM + "/work.zip", content), ("Lee/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/work.zip", NESTED_UNREADABLE),)
    assert (tmp_path / "out" / KIM / "work.zip").read_bytes() == content  # kept for the TA to look at
    assert (tmp_path / "out" / "Lee" / "nn.py").read_bytes() == CODE


def test_a_students_zip_is_taken_only_if_its_entries_fit_in_what_is_left(tmp_path):
    work = inner_zip([(f"f{i}.py", CODE) for i in range(50)])
    data = zip_bytes([(KIM + "/work.zip", work), ("Lee/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data, Limits(max_entries=20))
    assert result.refused == (Refusal(KIM + "/work.zip", NESTED_TOO_MANY.format(left=19)),)
    assert not (tmp_path / "out" / KIM / "work").exists()
    assert (tmp_path / "out" / "Lee" / "nn.py").read_bytes() == CODE


def test_a_students_zip_with_a_huge_table_of_contents_is_never_opened(tmp_path, monkeypatch):
    work = inner_zip([(f"f{i:05}.py", b"") for i in range(3000)])
    data = zip_bytes([(KIM + "/work.zip", work)])
    opened = []
    real = zipfile.ZipFile
    monkeypatch.setattr(archive.zipfile, "ZipFile", lambda path, *a, **k: opened.append(path) or real(path, *a, **k))
    result = unpack_bytes(tmp_path, data, Limits(max_entries=100))
    assert result.refused == (Refusal(KIM + "/work.zip", NESTED_TOO_MANY.format(left=99)),)
    assert opened == [tmp_path / "download.zip"]


def hex_zip() -> tuple[list[bytes], bytes]:
    """A student's zip of three 2 MB text files that compress to about 60%: 6 MB out of 3.5."""
    text = [os.urandom(MB).hex().encode() for _ in range(3)]
    return text, inner_zip([("a.txt", text[0]), ("b.txt", text[1]), ("c.txt", text[2])])


def test_a_students_zip_may_unpack_to_no_more_than_one_file_may(tmp_path):
    text, work = hex_zip()
    assert len(work) < 5 * MB
    data = zip_bytes([(KIM + "/work.zip", work), ("Lee/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data, Limits(max_file_mb=5))
    assert result.refused == (Refusal(KIM + "/work.zip!c.txt", archive._left_out(1, NESTED_TOTAL.format(mb="5"))),)
    assert [(tmp_path / "out" / KIM / "work" / n).read_bytes() for n in ("a.txt", "b.txt")] == text[:2]
    assert (tmp_path / "out" / "Lee" / "nn.py").read_bytes() == CODE  # the next student is still unpacked


def test_the_total_reached_in_a_students_zip_leaves_out_the_rest_of_both(tmp_path):
    text, work = hex_zip()  # 3.5 MB written, then 2 MB, 2 MB, and no room for the third
    data = zip_bytes([(KIM + "/work.zip", work), ("Lee/nn.py", CODE), ("Park/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data, Limits(max_total_mb=8))
    why = TOTAL.format(mb="8")
    assert result.refused == (Refusal(KIM + "/work.zip!c.txt", archive._left_out(1, why)),
                              Refusal("Lee/nn.py", archive._left_out(2, why)))
    assert sorted(p.name for p in (tmp_path / "out").rglob("*")) == sorted(["a.txt", "b.txt", KIM, "work", "work.zip"])


HANGUL = "김민지"
NFD = unicodedata.normalize("NFD", HANGUL)


def named(raw: bytes, rest: str = "/neural_network.py") -> bytes:
    """A zip whose entry's name is stored as these bytes, without the UTF-8 flag (zipfile would set it)."""
    placeholder = "X" * len(raw)
    return zip_bytes([(placeholder + rest, CODE)]).replace(placeholder.encode(), raw)


@pytest.mark.parametrize("data", [
    named(HANGUL.encode("cp949")),                  # Korean Windows: CP949, no flag
    named(NFD.encode("utf-8")),                     # macOS Archive Utility: decomposed UTF-8, no flag
    zip_bytes([(NFD + "/neural_network.py", CODE)]),  # decomposed UTF-8 with the flag
    zip_bytes([(HANGUL + "/neural_network.py", CODE)]),
], ids=["cp949", "nfd-no-flag", "nfd-flag", "nfc-flag"])
def test_korean_names_become_nfc_folders_however_they_are_stored(tmp_path, data):
    result = unpack_bytes(tmp_path, data)
    assert result.refused == ()
    assert os.listdir(tmp_path / "out") == [HANGUL]
    assert (tmp_path / "out" / HANGUL / "neural_network.py").read_bytes() == CODE


@pytest.mark.parametrize("first, second", [
    ((HANGUL + "/nn.py", b"first"), (NFD + "/nn.py", b"second")),
    ((KIM + "/nn.py", b"first"), (KIM + "/nn.py", b"second")),
    ((KIM + "/nn.py", b"first"), (KIM + "\\nn.py", b"second")),
    ((KIM + "/nn.py", b"first"), (KIM + "/./nn.py", b"second")),
    ((KIM + "/nn.py", b"first"), (KIM + "/nn.py/", b"")),
])
def test_the_second_entry_with_the_same_path_is_refused_naming_the_first(tmp_path, first, second):
    result = unpack_bytes(tmp_path, zip_bytes([first, second]))
    assert result.refused == (Refusal(second[0], SAME_PATH.format(first=first[0])),)
    path = tmp_path / "out" / unicodedata.normalize("NFC", first[0])
    assert path.read_bytes() == b"first"


def test_macos_junk_is_skipped_without_a_refusal(tmp_path):
    data = zip_bytes([("__MACOSX/", b""), (f"__MACOSX/{KIM}/._nn.py", b"\x00\x05\x16\x07"),
                      (f"{KIM}/._nn.py", b"\x00\x05\x16\x07"), (f"{KIM}/.DS_Store", b"Bud1"), (f"{KIM}/nn.py", CODE)])
    result = unpack_bytes(tmp_path, data)
    assert result.refused == () and result.entries == 5
    assert listing(tmp_path / "out") == {KIM: None, KIM + "/nn.py": CODE}


def test_password_protected_entries_are_refused_and_a_zip_of_only_those_is_returned(tmp_path):
    data = zip_bytes([(KIM + "/nn.py", CODE), ("Lee/nn.py", CODE)])
    data = patch(patch(data, KIM + "/nn.py", flag=1), "Lee/nn.py", flag=1)
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/nn.py", PASSWORD), Refusal("Lee/nn.py", PASSWORD))
    assert PASSWORD.en == "it is password-protected, so it could not be read"
    assert listing(tmp_path / "out") == {}


@pytest.mark.parametrize("fields, reason", [({"method": 9}, METHOD.format(method=9)),  # Deflate64 (Windows Explorer)
                                            ({"crc": 0}, DAMAGED)])
def test_an_entry_that_cannot_be_read_is_refused_and_leaves_nothing(tmp_path, fields, reason):
    data = patch(zip_bytes([(KIM + "/nn.py", CODE), ("Lee/nn.py", CODE)]), KIM + "/nn.py", **fields)
    result = unpack_bytes(tmp_path, data)
    assert result.refused == (Refusal(KIM + "/nn.py", reason),)
    assert not (tmp_path / "out" / KIM / "nn.py").exists()
    assert (tmp_path / "out" / "Lee" / "nn.py").read_bytes() == CODE


@pytest.mark.parametrize("content, en, ko", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF, not a zip file", "PDF 파일입니다"),
    (b"", "is empty (0 bytes)", "비어 있습니다"),
    (zip_bytes([(f"s{i}/nn.py", CODE * 50) for i in range(20)])[:3000], "cut short", "잘렸거나"),
    (b"Rar!\x1a\x07\x01\x00", "is a RAR archive", "RAR 압축 파일"),
    (b"name,score\nkim,10\n", "is not a zip file", "zip 파일이 아닙니다"),
], ids=["pdf", "empty", "truncated", "rar", "text"])
def test_a_file_that_is_not_a_zip_is_one_clear_line_in_both_languages(tmp_path, content, en, ko):
    with pytest.raises(ArchiveError) as caught:
        unpack_bytes(tmp_path, content, name="NN101-Week9.zip")
    text = caught.value.text
    assert en in text.en and ko in text.ko and str(caught.value) == text.en
    for line in (text.en, text.ko):
        assert line.startswith("NN101-Week9.zip") and "\n" not in line
    assert listing(tmp_path / "out") == {}


@pytest.mark.parametrize("make", [lambda p: None, lambda p: p.mkdir()], ids=["missing", "a-folder"])
def test_a_path_that_cannot_be_read_is_an_archive_error(tmp_path, make):
    make(tmp_path / "download.zip")
    (tmp_path / "out").mkdir()
    with pytest.raises(ArchiveError, match="download.zip could not be read"):
        unpack(tmp_path / "download.zip", tmp_path / "out")


def test_the_folder_to_write_into_must_exist_and_be_empty(tmp_path):
    (tmp_path / "download.zip").write_bytes(zip_bytes([("a.py", CODE)]))
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.py").write_bytes(b"mine")
    with pytest.raises(ValueError):
        unpack(tmp_path / "download.zip", tmp_path / "out")
    with pytest.raises(ValueError):
        unpack(tmp_path / "download.zip", tmp_path / "missing")
    assert (tmp_path / "out" / "a.py").read_bytes() == b"mine"


def test_a_class_of_300_is_unpacked_whole(tmp_path):
    data = zip_bytes([(f"Student {i}_{1234000 + i}_assignsubmission_file/neural_network.py", CODE + b"# %d\n" % i)
                      for i in range(300)])
    result = unpack_bytes(tmp_path, data)
    assert result.refused == () and result.entries == 300
    assert len(list((tmp_path / "out").glob("*/neural_network.py"))) == 300
