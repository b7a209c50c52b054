"""Who an entry of an LMS's "download all submissions" belongs to, read from its name.

Moodle, Canvas and Blackboard each write the student's identity into the names of what they zip: a name,
an id, sometimes a lateness flag or an attempt time.  This module reads one name at a time (and a
Blackboard receipt, the only place a username with "_" in it or a file name Blackboard mangled can be read
back from); ``discover.py`` walks the folder and groups what belongs to one student.

Every pattern quotes the LMS source it was read from, so that a new LMS version that names things
differently can be checked against it.  Names are compared in Unicode NFC with runs of white space as one
space (``clean``): macOS writes file names decomposed (NFD), so one Korean name can reach us in two
spellings that look the same and must be one student.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

MOODLE, CANVAS, BLACKBOARD = "moodle", "canvas", "blackboard"

# What an entry holds: the student's uploaded work (a file, or a folder of files), the text typed into the
# LMS's editor or a URL (never graded: the grader reads files), or Blackboard's per-attempt receipt.
FILE, TEXT, LINK, RECEIPT = "file", "text", "link", "receipt"


@dataclass(frozen=True)
class LmsName:
    """One entry's name, read."""
    lms: str                 # MOODLE | CANVAS | BLACKBOARD
    lms_id: str              # Moodle participant (or group) id, Canvas user id, Blackboard username
    name: str                # the person's name as written, ``clean``-ed; "" when the LMS hides it
    kind: str                # FILE | TEXT | LINK | RECEIPT
    filename: str = ""       # the student's own file name (Canvas's display name, Moodle's flat-mode file,
                             # Blackboard's original name); "" for a folder
    late: bool = False       # Canvas's lateness flag
    attachment: int = 0      # Canvas's attachment id: increasing, so the highest is the latest upload
    attempt: datetime | None = None  # Blackboard's attempt time (the server's local time, no zone)
    head: str = ""           # Blackboard: "<assignment>_<username>" as the name has it


def clean(text: str) -> str:
    """NFC, with runs of white space (including no-break and ideographic spaces) as one space, trimmed:
    how names are compared, keyed and shown."""
    return " ".join(unicodedata.normalize("NFC", text).split())


# ------------------------------------------------------------------------------------------------ Moodle

# mod/assign/classes/downloader.php (Moodle 4.x; download_submissions() in locallib.php before it):
#     $prefix = str_replace('_', ' ', $fullname);
#     $prefix = clean_filename($prefix . '_' . $manager->get_uniqueid_for_user($student->id));
#   folders (user preference assign_downloadasfolders, 1 by default since Moodle 3.1):
#     clean_filename($prefix . '_' . $subtype . '_' . $type) . $file->get_filepath() . $zipfilename
#   flat (the preference off, and Moodle before 3.1):
#     clean_filename($prefix . '_' . $subtype . '_' . $type . '_' . $zipfilename)
# so "Kim Minji_1234568_assignsubmission_file/week9/neural_network.py" or
# "Kim Minji_1234568_assignsubmission_file_neural_network.py": the name never holds "_", the number is the
# per-assignment participant id (the grading worksheet's "Participant 1234568"), not the user id.  Team
# submissions put "<group name>_<group id>" there, or the "Default group" string with no id at all.  The
# feedback-zip importer (assignfeedback_file/importziplib.php) documents folders ending in "_" before 4.1.
MOODLE_FOLDER = re.compile(r"^(?P<name>[^_]+?)(?:_(?P<id>\d+))?_assignsubmission_(?P<plugin>[a-z0-9]+)_?$")
MOODLE_FLAT = re.compile(r"^(?P<name>[^_]+?)(?:_(?P<id>\d+))?_assignsubmission_(?P<plugin>[a-z0-9]+)_(?P<file>.+)$")

# Under blind marking the name is get_string('participant', 'mod_assign') in the teacher's language, then
# clean_filename() (which drops "/").  Read in Moodle's language packs: en "Participant", ko "참가자",
# ja "参加者", es "Participante", de "Teilnehmer/in" (older "Teilnehmer/innen").
PARTICIPANT = frozenset({"Participant", "참가자", "参加者", "Participante", "Teilnehmerin", "Teilnehmerinnen"})


def moodle(name: str, is_dir: bool) -> LmsName | None:
    """A Moodle entry: a participant's folder (one per plugin), or in flat mode one of their files."""
    m = (MOODLE_FOLDER if is_dir else MOODLE_FLAT).match(unicodedata.normalize("NFC", name))
    if m is None and is_dir:  # a student's archive unpacked where flat mode put it
        m = MOODLE_FLAT.match(unicodedata.normalize("NFC", name))
    if m is None:
        return None
    who = clean(m["name"])
    kind = TEXT if m["plugin"] == "onlinetext" else FILE
    return LmsName(MOODLE, m["id"] or "", "" if who in PARTICIPANT else who, kind,
                   filename=m.groupdict().get("file") or "")


def blind(parsed: LmsName) -> bool:
    """Moodle's blind marking: the participant id is all there is."""
    return parsed.lms == MOODLE and parsed.name == "" and parsed.lms_id != ""


# ------------------------------------------------------------------------------------------------ Canvas

# app/models/content_zipper.rb (canvas-lms):
#     get_filename: [users_name, submission.late? ? 'LATE' : nil, submission.user_id].compact.join('_')
#                   then sanitize_file_name: filename.gsub(/[^[[:word:]]]/, '').downcase
#     add_upload_submission: full_filename = "#{filename}_#{file.id}_#{file.display_name}"
#     add_text_or_url: "#{called}_text.html" / "#{called}_link.html"
#     users_name = get_user_name(...) unless @context.feature_enabled?(:anonymous_grading)
# users_name is the sortable name ("Kim, Minji" -> "kimminji"; Hangul is a word character and stays), so
# "kimminji_late_12345_67890_neural_network.py": lower-case "late" is what the sanitiser leaves; some
# versions and re-zipped downloads have "LATE", so either case is read.  Anonymous grading leaves the name
# out: "[late_]12345_67890_neural_network.py".  The optional name is tried empty first (``??``), so that a
# leading "late_" is the flag and not a student called "late".
CANVAS_UPLOAD = re.compile(
    r"^(?:(?P<name>\w+?)_)??(?:(?P<late>(?i:late))_)?(?P<id>\d+)_(?P<attachment>\d+)_(?P<file>.+)$")
CANVAS_ONLINE = re.compile(r"^(?:(?P<name>\w+?)_)??(?:(?P<late>(?i:late))_)?(?P<id>\d+)_(?P<kind>text|link)\.html$")

# Attachment.make_unique_filename (app/models/attachment.rb) makes a re-uploaded name unique as
# "#{basename}-#{addition}#{extname}", addition from 1: a second nn.py is nn-1.py.
AGAIN = re.compile(r"^(?P<stem>.+)-(?P<n>\d+)(?P<ext>\.[A-Za-z0-9]+)$")


def canvas(name: str) -> LmsName | None:
    """A Canvas entry.  Uploads are tried first: a student's own file called ``text.html`` is an upload
    (it has an attachment id), not the online-text entry."""
    name = unicodedata.normalize("NFC", name)
    m = CANVAS_UPLOAD.match(name)
    if m is not None:
        return LmsName(CANVAS, m["id"], clean(m["name"] or ""), FILE, filename=m["file"],
                       late=m["late"] is not None, attachment=int(m["attachment"]))
    m = CANVAS_ONLINE.match(name)
    if m is not None:
        return LmsName(CANVAS, m["id"], clean(m["name"] or ""), TEXT if m["kind"] == "text" else LINK,
                       late=m["late"] is not None)
    return None


def resubmitted(filename: str, expected: tuple[str, ...]) -> tuple[str, int]:
    """(name, n): Canvas's "-n" taken off a re-uploaded file's name, but only when what is left is a name
    the assignment expects (``nn-2.py`` is ``nn.py`` when nn.py is the entry file); a ``lab-1.py`` of the
    student's own naming is left as it is, with n = 0."""
    m = AGAIN.match(filename)
    if m is not None and (m["stem"] + m["ext"]).lower() in {e.lower() for e in expected}:
        return m["stem"] + m["ext"], int(m["n"])
    return filename, 0


# -------------------------------------------------------------------------------------------- Blackboard

# Blackboard Learn, Original course view, Grade Centre > "Assignment File Download".  Closed source: read
# from parsers of real downloads (vangef/BBGradebookOrganiser, nbgrader's zip_collect documentation, a
# Dutch parser that accepts "poging" for "attempt").  Every file of every attempt is there as
#     <assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>_<original file name>
# with one receipt per attempt, <assignment>_<username>_attempt_<YYYY-MM-DD-HH-MM-SS>.txt.  The head is
# split at its last "_" for the username; a username with "_" in it is read back from the receipt.
BLACKBOARD_ENTRY = re.compile(
    r"^(?P<head>.+?)_(?:attempt|poging)_(?P<ts>\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2})(?:_(?P<file>.+)|\.txt)$")


def blackboard(name: str) -> LmsName | None:
    """A Blackboard entry: one attempt's file, or its receipt (the username is the head's last part until
    the receipt says otherwise, see ``username``)."""
    name = unicodedata.normalize("NFC", name)
    m = BLACKBOARD_ENTRY.match(name)
    if m is None:
        return None
    try:
        when = datetime.strptime(m["ts"], "%Y-%m-%d-%H-%M-%S")
    except ValueError:
        return None
    head = m["head"]
    return LmsName(BLACKBOARD, head.rsplit("_", 1)[-1], "", FILE if m["file"] else RECEIPT,
                   filename=m["file"] or "", attempt=when, head=head)


@dataclass(frozen=True)
class Receipt:
    """What Blackboard's per-attempt .txt says about the attempt."""
    name: str                          # "Minji Kim", ``clean``-ed ("" without a Name line)
    username: str                      # "kim.minji"
    files: tuple[tuple[str, str], ...]  # (name in the download, original name) per attached file
    text: bool                         # the student typed something into the submission field


# The receipt, as Blackboard writes it (quoted alike by several parsers, e.g. gradex-cli's README):
#     Name: Minji Kim (kim.minji)
#     Assignment: Week 9
#     Date Submitted: Monday, 3 November 2025 23:41:07 o'clock KST
#     Current Grade: Needs Grading
#
#     Submission Field:
#     There is no student submission text data for this assignment.
#
#     Comments:
#     There are no student comments for this assignment.
#
#     Files:
#     	Original filename: neural_network.py
#     	Filename: Week 9_kim.minji_attempt_2025-11-03-23-41-07_neural_network.py
# ("No files were attached to this submission." when there are none).  Dutch receipts say "Naam:" and
# "Bestandsnaam:" (jeroendoggen/blackboard-analysis-tools).
RECEIPT_NAME = re.compile(r"^\s*(?:Name|Naam):\s*(?P<name>.*?)\s*\((?P<user>[^()]+)\)\s*$")
RECEIPT_ORIGINAL = re.compile(r"^\s*Original filename:\s*(?P<value>.+?)\s*$", re.I)
RECEIPT_FILE = re.compile(r"^\s*(?:Filename|Bestandsnaam):\s*(?P<value>.+?)\s*$", re.I)
NO_TEXT = "There is no student submission text data for this assignment."
RECEIPT_BYTES = 256 * 1024  # a receipt is a few hundred bytes; a huge .txt is read no further than this


def receipt(text: str) -> Receipt:
    """A receipt's name, username, files and whether the submission field holds text."""
    name = user = ""
    files: list[tuple[str, str]] = []
    original = ""
    section = ""
    typed = False
    for line in text.splitlines():
        m = RECEIPT_NAME.match(line)
        if m is not None and not user:
            name, user = clean(m["name"]), m["user"].strip()
            continue
        stripped = line.strip()
        if stripped in ("Submission Field:", "Comments:", "Files:"):
            section = stripped
            continue
        if section == "Submission Field:" and stripped and stripped != NO_TEXT:
            typed = True
        if (m := RECEIPT_ORIGINAL.match(line)) is not None:
            original = m["value"]
        elif (m := RECEIPT_FILE.match(line)) is not None:
            files.append((clean(m["value"]), clean(original or m["value"])))
            original = ""
    return Receipt(name, user, tuple(files), typed)


def read_receipt(path: Path) -> Receipt:
    """The receipt at ``path`` (UTF-8, a byte-order mark allowed; undecodable bytes do not stop it)."""
    with open(path, "rb") as f:
        return receipt(f.read(RECEIPT_BYTES).decode("utf-8-sig", errors="replace"))


def username(parsed: LmsName, known: str) -> str:
    """The Blackboard username of an entry: the receipt's (``known``) when the head ends with it, so that
    "Week 9_kim_minji_attempt_..." is kim_minji and not minji; else the head's last part."""
    if known and (parsed.head == known or parsed.head.endswith("_" + known)):
        return known
    return parsed.lms_id


# ----------------------------------------------------------------------------------------------- any LMS

def parse(name: str, is_dir: bool = False) -> LmsName | None:
    """An entry's name read as Moodle's, Blackboard's or Canvas's (in that order: the most specific marker
    first), or None for a name no LMS wrote (a plain NAME.py, a stray file)."""
    found = moodle(name, is_dir)
    if found is None:
        found = blackboard(name)
    if found is None:
        found = canvas(name)
    return found
