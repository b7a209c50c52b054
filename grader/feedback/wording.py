"""The words for what can go wrong in loading and calling a submission, for the report and check.py alike.

Each function turns a structured fact (a fault, a load warning, a missing name) into a ``Text``; nothing
here parses a sentence back.  The likely mistakes of an assignment's own checks live with its checks.
"""
from __future__ import annotations

from typing import Any

from .faults import Fault, NotGradable, StudentBadValue, StudentCrashed, StudentError, StudentFault, StudentTimeout
from .faults import exit_text
from .source import Source
from .text import EMPTY, Text

LIKELY = Text("Likely mistake: ", "추정되는 실수: ")
NOT_GRADABLE = Text("Not gradable: ", "채점 불가: ")
PASSED = Text("Passed.", "통과했습니다.")
WRONG_ANSWER = Text("Wrong answer.", "틀린 답입니다.")
DEFS_ONLY = Text("Running the whole file took too long, so only its imports, functions and classes were "
                 "loaded. Keep test code under `if __name__ == \"__main__\":`.",
                 "파일 전체를 실행하는 데 너무 오래 걸려 import, 함수, 클래스 정의만 불러왔습니다. 테스트 코드는 "
                 "`if __name__ == \"__main__\":` 아래에 두세요.")
NO_FILE = Text("no file", "제출 파일이 없습니다")


def describe_fault(exc: StudentFault, source: Source) -> tuple[Text, Fault, dict[str, Any]]:
    """A student-side fault as feedback: what happened, where in the student's own file; and plain data
    for the report (the call, the traceback with locations, the crash output)."""
    call = exc.call or EMPTY
    during = Text(f" while the grader called {call.en}", f" (채점기가 {call.ko}을(를) 호출하는 중)") if exc.call else EMPTY
    details: dict[str, Any] = {"call": call.en, "call_ko": call.ko}
    if isinstance(exc, StudentTimeout) and exc.earlier:
        name = exc.earlier
        return (Text(f"Timed out: {name} already ran past the {exc.seconds:g} s limit in an earlier check, so the "
                     f"grader did not call it again here ({call.en}). Is there an endless loop?",
                     f"시간 초과: {name}이(가) 앞선 검사에서 이미 {exc.seconds:g}초 제한을 넘겨 이번에는 다시 호출하지 "
                     f"않았습니다 ({call.ko}). 끝나지 않는 반복문이 있지 않나요?"), Fault.TIMEOUT, details)
    if isinstance(exc, StudentTimeout):
        return (Text(f"Timed out after {exc.seconds:g} s{during.en}: is there an endless loop?",
                     f"{exc.seconds:g}초 제한 시간을 넘겼습니다{during.ko}: 끝나지 않는 반복문이 있지 않나요?"),
                Fault.TIMEOUT, details)
    if isinstance(exc, StudentCrashed):
        cause = f" ({exc.cause})" if exc.cause else ""
        return (Text(f"Your code's process ended{during.en}: {exc}.",
                     f"코드를 실행하던 프로세스가 종료되었습니다{during.ko}: {exit_text(exc.exit_code).ko}{cause}."),
                Fault.CRASH, details | {"output": exc.output[-2000:]})
    if isinstance(exc, StudentBadValue):
        return (Text(f"Your code {exc}{during.en}; only numbers, strings and numpy arrays of numbers can be graded.",
                     f"코드가 채점할 수 없는 값을 반환했습니다{during.ko}: {exc.type_name}. "
                     "숫자, 문자열, 숫자로 된 numpy 배열만 채점할 수 있습니다."), Fault.TYPE, details)
    assert isinstance(exc, StudentError)
    frames = [{"line": f["line"], "name": str(f.get("name", "?"))[:100], "code": str(f.get("code", ""))[:500],
               "where": source.locate(f["line"]), "where_ko": source.locate_ko(f["line"])}
              for f in exc.frames if isinstance(f, dict) and isinstance(f.get("line"), int)]
    details["traceback"] = frames
    details["exception"] = {"type": exc.type_name, "message": exc.message}
    if frames:
        last = frames[-1]
        where = Text(f" in {last['name']}() at {last['where']}", f" ({last['name']}(), {last['where_ko']})")
    else:
        where = EMPTY
    hint = error_hint(exc)
    said = f": {exc.message.strip()}" if exc.message.strip() else ""
    return (Text(f"Your code raised {exc.type_name}{said}{where.en}{during.en}.{hint.en}",
                 f"코드에서 {exc.type_name} 예외가 발생했습니다{said}{where.ko}{during.ko}.{hint.ko}"),
            Fault.ERROR, details)


def error_hint(exc: StudentError) -> Text:
    """What an exception usually means in this course's code, as a sentence after its message."""
    if exc.type_name == "NotImplementedError":
        return Text(" This is still the stub: implement it.", " 아직 스텁 그대로입니다: 구현해 주세요.")
    if exc.type_name == "ValueError" and ("matmul" in exc.message or "not aligned" in exc.message):  # @ / np.dot
        return Text(" The shapes of a matrix product do not line up: check which side each matrix is on "
                    "and whether one needs .T.",
                    " 행렬 곱의 shape가 맞지 않습니다: 곱하는 순서와 전치(.T)가 필요한지 확인하세요.")
    if exc.type_name == "ValueError" and "broadcast" in exc.message:
        return Text(" Two arrays could not be broadcast together: compare their shapes.",
                    " 두 배열을 브로드캐스팅할 수 없습니다: 두 배열의 shape를 비교해 보세요.")
    if exc.type_name == "TypeError" and "positional argument" in exc.message:
        return Text(" The method takes different arguments from the specification: check their number and order.",
                    " 메서드의 인자가 명세와 다릅니다: 인자의 개수와 순서를 확인하세요.")
    if exc.type_name == "SystemExit":
        return Text(" The code called sys.exit() / exit(): remove it from the methods.",
                    " 코드에서 sys.exit()/exit()를 호출했습니다: 메서드 안에서 지워 주세요.")
    if exc.type_name == "RecursionError":
        return Text(" A method calls itself without end.", " 메서드가 끝없이 자기 자신을 호출합니다.")
    return EMPTY


def load_problem(exc: NotGradable, source: Source) -> Text:
    """Why a file could not be graded at all, said for the student (without the "Not gradable" label)."""
    fault = exc.fault
    if isinstance(fault, StudentError) and fault.type_name in ("SyntaxError", "IndentationError", "TabError"):
        where, where_ko = source.locate(fault.line or 0), source.locate_ko(fault.line or 0)
        return Text(f"The file has a {fault.type_name} at {where}: {fault.message}. "
                    "Python could not read the file, so none of it could be run.",
                    f"{where_ko}에 {fault.type_name}가 있습니다: {fault.message}. "
                    "파이썬이 파일을 읽지 못해 어떤 코드도 실행할 수 없었습니다.")
    if fault is not None:
        text, _, _ = describe_fault(fault, source)
        return Text("Loading the file failed. ", "파일을 불러오지 못했습니다. ") + text
    names = ", ".join(exc.missing)
    return Text(f"The file does not define {names}. Names must be exactly as in the specification.",
                f"파일에 {names}이(가) 정의되어 있지 않습니다. 이름은 명세와 똑같아야 합니다.")


def load_warning(w: dict, source: Source) -> Text:
    """A top-level statement that raised while the file loaded (grading went on without it)."""
    line = w.get("line") or 0
    return Text(f"At {source.locate(line)}, top-level code raised {w.get('type')}: {w.get('message')} "
                "(grading went on without it).",
                f"{source.locate_ko(line)}의 최상위 코드에서 {w.get('type')} 예외가 발생했습니다: {w.get('message')} "
                "(이 줄을 건너뛰고 채점했습니다).")


def diagnoses(details: dict[str, Any], hint: Text | None) -> list[Text]:
    """The likely mistakes a failed check named: each comparison's, then the check's own ``hint``."""
    out = []
    for comp in details.get("comparisons", []) if isinstance(details, dict) else []:
        d = comp.get("diagnosis") if isinstance(comp, dict) else None
        if isinstance(d, dict) and isinstance(d.get("en"), str) and isinstance(d.get("ko"), str):
            out.append(Text(d["en"], d["ko"]))
    if hint is not None:
        out.append(hint)
    return out


def full_message(message: Text, details: dict[str, Any], hint: Text | None, fault: Fault | None) -> Text:
    """A check's feedback as one plain text (results.json, the console of check.py): the message, then a
    "Likely mistake" line for each diagnosis; a check that was never run says why."""
    if fault == Fault.NOT_GRADABLE:
        return NOT_GRADABLE + message
    return Text.join([message] + [LIKELY + d for d in diagnoses(details, hint)])
