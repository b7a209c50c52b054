"""A class as Moodle hands it over, built the way Moodle names things: the "Download all submissions" zip
(folder and flat entries, Korean names, one in NFD, online text, a student's own zip, a `../` entry and an
absolute one), a roster with two students who submitted nothing, and Moodle's grading worksheet."""
from __future__ import annotations

import io
import unicodedata
import zipfile
from pathlib import Path

from helpers import ROOT

REFERENCE = (ROOT / "solutions" / "neural_network" / "neural_network.py").read_bytes()
NO_MEAN = (ROOT / "solutions" / "neural_network" / "mutants" / "missing_m_all.py").read_bytes()
NFD_NAME = unicodedata.normalize("NFD", "박지훈")


def moodle_zip(path: Path) -> Path:
    own = io.BytesIO()
    with zipfile.ZipFile(own, "w") as z:
        z.writestr("week9/neural_network.py", REFERENCE)
    entries = {
        "Kim Minji_1234568_assignsubmission_file/neural_network.py": REFERENCE,
        "Kim Minji_1234568_assignsubmission_onlinetext/onlinetext.html": b"<p>see my file</p>",
        f"{NFD_NAME}_1234571_assignsubmission_file_neural_network.py": REFERENCE,          # flat mode, NFD
        "Choi Yuna_1234572_assignsubmission_file_neural_network.py": NO_MEAN,              # flat, two files
        "Choi Yuna_1234572_assignsubmission_file_scratch.py": b"print('draft')\n",
        "Jung Hoseok_1234573_assignsubmission_onlinetext/onlinetext.html": b"<p>my code is below</p>",
        "Lee Jiwoo_1234574_assignsubmission_file/my_work.zip": own.getvalue(),
        "../escape.py": b"ESCAPED = True\n",
        "/tmp/absolute_evil.py": b"EVIL = True\n",
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, data in entries.items():
            info = zipfile.ZipInfo(name, (2026, 12, 7, 23, 0, 0))
            z.writestr(info, data)
    return path


ROSTER = "\ufeff학번,이름,이메일,분반,연장\n" \
         "2026000001,Kim Minji,minji@example.ac.kr,01,\n" \
         "2026000002,Han Sora,sora@example.ac.kr,01,\n" \
         "2026000003,박지훈,jihoon@example.ac.kr,01,\n" \
         "2026000004,Choi Yuna,yuna@example.ac.kr,02,2\n" \
         "2026000005,오세훈,sehun@example.ac.kr,02,\n" \
         "2026000006,Jung Hoseok,hoseok@example.ac.kr,02,\n" \
         "2026000007,Lee Jiwoo,jiwoo@example.ac.kr,02,\n"

WORKSHEET = ("\ufeffIdentifier,\"Full name\",\"Email address\",Status,Grade,\"Maximum grade\",\"Grade can be changed\","
             "\"Last modified (submission)\",\"Last modified (grade)\",\"Feedback comments\"\n"
             "\"Participant 1234568\",\"Kim Minji\",minji@example.ac.kr,\"Submitted for grading\",,13.00,Yes,"
             "\"Monday, 7 December 2026, 10:02 PM\",-,\n"
             "\"Participant 1234571\",박지훈,jihoon@example.ac.kr,\"Submitted for grading - 9 hours late\",,13.00,Yes,"
             "\"Tuesday, 8 December 2026, 9:15 AM\",-,\n"
             "\"Participant 1234572\",\"Choi Yuna\",yuna@example.ac.kr,\"Submitted for grading - 1 day late\",,13.00,"
             "Yes,\"Wednesday, 9 December 2026, 8:00 AM\",-,\n"
             "\"Participant 1234574\",\"Lee Jiwoo\",jiwoo@example.ac.kr,\"Submitted for grading\",,13.00,Yes,"
             "\"Monday, 7 December 2026, 11:55 PM\",-,\n")
