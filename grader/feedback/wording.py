"""The words for what can go wrong in loading and calling a submission, for the report and check.py alike.

Each function turns a structured fact (a fault, a load warning, a missing name) into a ``Text``; nothing
here parses a sentence back.  The likely mistakes of an assignment's own checks live with its checks.
"""
from __future__ import annotations

import ast
import difflib
import re
from typing import Any

from .faults import Fault, NotGradable, StudentBadValue, StudentCrashed, StudentError, StudentFault, StudentTimeout
from .faults import exit_text
from .loading import is_definition
from .protocol import LoadReport
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


def describe_fault(exc: StudentFault, source: Source, report: LoadReport | None = None) -> tuple[Text, Fault, dict[str, Any]]:
    """A student-side fault as feedback: what happened, where in the student's own file; and plain data
    for the report (the call, the traceback with locations, the crash output).  With the load ``report``,
    a name that is missing because a top-level line was skipped says which line, and why."""
    call = exc.call or EMPTY
    during = Text(f" while the grader called {call.en}", f" (채점기가 {call.ko}을(를) 호출하는 중)") if exc.call else EMPTY
    details: dict[str, Any] = {"call": call.en, "call_ko": call.ko}
    if isinstance(exc, StudentTimeout) and exc.earlier:
        name = exc.earlier
        return (Text(f"Timed out: {name} already ran past the {exc.seconds:g} s limit in an earlier check, so the "
                     f"grader did not call it again here ({call.en}). Is there an endless loop?",
                     f"시간 초과: {name}이(가) 앞선 검사에서 이미 {exc.seconds:g}초 제한을 넘겨 이번에는 다시 호출하지 "
                     f"않았습니다 ({call.ko}). 끝나지 않는 반복문이 있지 않나요?"), Fault.TIMEOUT, details)
    if isinstance(exc, StudentTimeout) and exc.limit == "cpu":
        return (Text(f"Timed out: your code used up its {exc.seconds:g} s of CPU time{during.en}. "
                     "Is there an endless loop?",
                     f"시간 초과: 허용된 CPU 시간 {exc.seconds:g}초를 다 썼습니다{during.ko}. "
                     "끝나지 않는 반복문이 있지 않나요?"),
                Fault.TIMEOUT, details | {"limit": "cpu", "limit_seconds": exc.seconds})
    if isinstance(exc, StudentTimeout):  # the real-time limit: code that waits or sleeps (or check.py's alarm)
        return (Text(f"Timed out: your code had still not finished after {exc.seconds:g} s of real time{during.en}. "
                     "Is it waiting for something or sleeping? Is there an endless loop?",
                     f"시간 초과: 실제 시간으로 {exc.seconds:g}초가 지나도록 끝나지 않았습니다{during.ko}. "
                     "무언가를 기다리거나 잠들어 있지 않나요? 끝나지 않는 반복문은 없나요?"),
                Fault.TIMEOUT, details | {"limit": "wall", "limit_seconds": exc.seconds})
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
    if exc.missing:
        return missing_name(exc, during, report), Fault.ERROR, details | {"missing": exc.missing}
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
    skipped = skipped_definition(exc, source, report)
    hint = error_hint(exc) + (skipped if skipped != EMPTY else unattached_in_error(exc, report))
    said = f": {exc.message.strip()}" if exc.message.strip() else ""
    return (Text(f"Your code raised {exc.type_name}{said}{where.en}{during.en}.{hint.en}",
                 f"코드에서 {exc.type_name} 예외가 발생했습니다{said}{where.ko}{during.ko}.{hint.ko}"),
            Fault.ERROR, details)


KINDS = {"function": Text("function", "함수"), "method": Text("method", "메서드"), "class": Text("class", "클래스")}


def missing_name(exc: StudentError, during: Text, report: LoadReport | None) -> Text:
    """A function, class or method the grader asked for by its name in the specification, and the code lacks."""
    name = exc.missing
    kind = KINDS["method"] if exc.missing_in != "module" else KINDS.get(exc.call_kind, KINDS["function"])
    owner = Text(f" in class {exc.missing_in}", f"{exc.missing_in} 클래스에 ") if exc.missing_in != "module" else \
        Text("", "")
    top_level = report.names if report is not None else []
    names = [n for n in top_level if n != name]
    near = difflib.get_close_matches(name, names, n=1, cutoff=0.6) if exc.missing_in == "module" else []
    guess = Text(f" Did you name it {near[0]}?", f" 혹시 {near[0]}(이)라고 이름을 붙이지 않았나요?") if near else EMPTY
    if exc.missing_in != "module" and name in top_level:  # def forward(self, X) in a later cell, never attached
        guess = unattached(exc.missing_in, name)
    return Text(f"Your code defines no {kind.en} named {name}{owner.en}{during.en}: the grader calls each {kind.en} by "
                f"the exact name in the specification.{guess.en}",
                f"코드의 {owner.ko}{name}(이)라는 {kind.ko}가 없습니다{during.ko}. 채점기는 명세에 적힌 이름 그대로 "
                f"{kind.ko}를 호출합니다.{guess.ko}")


def unattached(cls: str, name: str) -> Text:
    """A method the class lacks that the file defines as a top-level function (a notebook cell of its own)."""
    return Text(f" There is a function {name} at the top level of the file (a cell of its own in a notebook, say), "
                f"but defining it does not make it a method: attach it to the class: {cls}.{name} = {name} "
                f"(in a cell run after both the class and the function), or write it inside the class.",
                f" 파일의 최상위에 {name} 함수가 있지만(노트북의 별도 셀 등), 함수를 정의하는 것만으로는 메서드가 되지 "
                f"않습니다: 클래스와 함수를 정의한 셀 다음에 {cls}.{name} = {name}을(를) 실행해 클래스에 붙이거나, "
                f"클래스 안에 직접 작성하세요.")


_NO_METHOD = re.compile(r"^'(\w+)' object has no attribute '(\w+)'")


def unattached_in_error(exc: StudentError, report: LoadReport | None) -> Text:
    """The same, when the student's own code called the method (inside a training loop, say)."""
    found = _NO_METHOD.match(exc.message) if exc.type_name == "AttributeError" and report is not None else None
    if found is None or found.group(2) not in report.names:
        return EMPTY
    return unattached(found.group(1), found.group(2))


def error_hint(exc: StudentError) -> Text:
    """What an exception usually means in this course's code, as a sentence after its message (said of a
    function or of a method, as the call was)."""
    kind = KINDS["function"] if exc.call_kind == "function" else KINDS["method"]  # __init__ is a method too
    if exc.type_name == "NotImplementedError":
        return Text(" This is still the stub: implement it.", " 아직 스텁 그대로입니다: 구현해 주세요.")
    if exc.type_name == "ValueError" and ("matmul" in exc.message or "not aligned" in exc.message):  # @ / np.dot
        shapes = operand_shapes(exc)
        if shapes != EMPTY:
            return shapes + Text(" A product A @ B needs as many columns in A as rows in B: check that each name is "
                                 "the array you meant (the previous layer's activation, say), which side it is on, "
                                 "and whether it needs .T.",
                                 " 행렬 곱 A @ B는 A의 열 수와 B의 행 수가 같아야 합니다. 각 이름이 의도한 배열(예: 이전 "
                                 "층의 활성값)이 맞는지, 곱하는 순서와 전치(.T)가 맞는지 확인하세요.")
        return Text(" The shapes of a matrix product do not line up: check which side each matrix is on "
                    "and whether one needs .T.",
                    " 행렬 곱의 shape가 맞지 않습니다: 곱하는 순서와 전치(.T)가 필요한지 확인하세요.")
    if exc.type_name == "ValueError" and "broadcast" in exc.message:
        line = str(exc.frames[-1].get("code", "")) if exc.frames and isinstance(exc.frames[-1], dict) else ""
        if re.search(r"\.T\s*\*(?!\*)", line):  # w3.T * d3: an entry-by-entry product where a matrix product belongs
            return Text(" `*` multiplies entry by entry; the product of a matrix and a matrix of deltas is `@` (or "
                        "np.dot): w3.T @ d3. With one output unit the two happen to agree, which is why it worked there.",
                        " `*`는 원소별 곱입니다. 행렬과 δ 행렬의 곱은 `@`(또는 np.dot)로 계산합니다: w3.T @ d3. 출력 유닛이 "
                        "하나일 때는 두 결과가 우연히 같아서 그때는 문제가 드러나지 않았습니다.")
        return operand_shapes(exc) + Text(" Two arrays could not be broadcast together: compare their shapes.",
                                          " 두 배열을 브로드캐스팅할 수 없습니다: 두 배열의 shape를 비교해 보세요.")
    if exc.type_name == "TypeError" and re.search(r"only (size-1|length-1|0-dimensional) arrays can be converted"
                                                  r"|must be real number, not (list|numpy)", exc.message):
        return Text(" A function of the math module (math.exp, math.log, math.tanh, ...) takes one number, and it got "
                    "an array: use numpy's, np.exp(z), which works on every entry of an array (and on a number too).",
                    " math 모듈의 함수(math.exp, math.log, math.tanh 등)는 숫자 하나만 받는데 배열이 들어왔습니다: "
                    "배열의 모든 원소에 적용되는 numpy의 np.exp(z)를 쓰세요 (숫자에도 그대로 쓸 수 있습니다).")
    if exc.type_name == "TypeError" and ("as a data type" in exc.message or "data type not understood" in exc.message):
        return Text(" np.zeros and np.ones take the whole shape as one tuple: np.zeros((n, 1)), not np.zeros(n, 1) "
                    "(the second argument is the dtype). np.random.randn is the other way: np.random.randn(n, 1).",
                    " np.zeros와 np.ones는 shape 전체를 튜플 하나로 받습니다: np.zeros(n, 1)이 아니라 np.zeros((n, 1))입니다 "
                    "(두 번째 인자는 dtype입니다). np.random.randn은 반대로 크기를 하나씩 받습니다: np.random.randn(n, 1).")
    if exc.type_name == "AttributeError" and re.match(r"'(float|int|bool)' object has no attribute", exc.message):
        return Text(" A Python number has no array methods (.astype, .shape, ...), and functions get numbers too: "
                    "np.asarray(z, dtype=float) turns numbers and arrays alike into an array.",
                    " 파이썬 숫자에는 배열의 메서드(.astype, .shape 등)가 없는데, 함수에는 숫자도 들어옵니다: "
                    "np.asarray(z, dtype=float)는 숫자와 배열을 모두 배열로 바꿔 줍니다.")
    if exc.type_name == "TypeError" and "positional argument" in exc.message:
        return Text(f" The {kind.en} takes different arguments from the specification: check their number and order.",
                    f" {kind.ko}의 인자가 명세와 다릅니다: 인자의 개수와 순서를 확인하세요.")
    if exc.type_name == "SystemExit":
        return Text(f" The code called sys.exit() / exit(): remove it from the {kind.en}.",
                    f" 코드에서 sys.exit()/exit()를 호출했습니다: {kind.ko} 안에서 지워 주세요.")
    if exc.type_name == "RecursionError":
        return Text(f" A {kind.en} calls itself without end.", f" {kind.ko}가 끝없이 자기 자신을 호출합니다.")
    return EMPTY


def operand_shapes(exc: StudentError) -> Text:
    """The shapes of the arrays the failing line names, as the student's process recorded them (plain data
    of its own, so checked here), as in "On that line (z2 = self.w2 @ a1): self.w2 has shape (2, 3), a1 (4, 5)."
    """
    last = exc.frames[-1] if exc.frames and isinstance(exc.frames[-1], dict) else {}
    found = last.get("shapes")
    shapes = [(str(f["name"])[:100], tuple(f["shape"])) for f in (found if isinstance(found, list) else [])[:8]
              if isinstance(f, dict) and isinstance(f.get("shape"), list) and len(f["shape"]) <= 32
              and all(type(n) is int for n in f["shape"]) and isinstance(f.get("name"), str)]
    if not shapes:
        return EMPTY
    code = str(last.get("code", "")).strip()[:200]
    en = ", ".join(f"{n} has shape {_shape(t)}" if i == 0 else f"{n} {_shape(t)}" for i, (n, t) in enumerate(shapes))
    ko = ", ".join(f"{n}의 shape는 {_shape(t)}" if i == 0 else f"{n}은(는) {_shape(t)}" for i, (n, t) in enumerate(shapes))
    return Text(f" On that line ({code}): {en}.", f" 그 줄({code})에서 {ko}입니다.")


def _shape(t: tuple) -> str:
    return "(" + ", ".join(map(str, t)) + ("," if len(t) == 1 else "") + ")"


_MISSING = re.compile(r"name '(\w+)' is not defined|has no attribute '(\w+)'")


def skipped_definition(exc: StudentError, source: Source, report: LoadReport | None) -> Text:
    """Why a name is missing when the file's own top level would define it: that line failed when the file
    loaded (an import of a package the grader does not have, say), or it was not run because the whole file
    took too long and only definitions were loaded."""
    found = _MISSING.search(exc.message) if report is not None and exc.type_name in ("NameError", "AttributeError") else None
    if found is None:
        return EMPTY
    name = found.group(1) or found.group(2)
    try:
        tree = ast.parse(source.text)
    except SyntaxError:
        return EMPTY
    failed = {w.get("line"): w for w in report.warnings}
    lines = source.text.splitlines()
    for node in tree.body:
        bound = {a.asname or a.name.split(".")[0] for a in getattr(node, "names", ())} if isinstance(
            node, (ast.Import, ast.ImportFrom)) else {t.id for n in ast.walk(node) if isinstance(n, ast.Assign)
                                                       for t in n.targets if isinstance(t, ast.Name)}
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            bound = {node.name}
        if name not in bound:
            continue
        line = node.lineno
        code = lines[line - 1].strip()[:120] if 0 < line <= len(lines) else ""
        where, where_ko = source.locate(line), source.locate_ko(line)
        if line in failed:
            w = failed[line]
            return Text(f" {name} was never defined: {where} (`{code}`) failed when the file loaded "
                        f"({w.get('type')}: {w.get('message')}), and the file was graded without it.",
                        f" {name}이(가) 정의되지 않았습니다: 파일을 불러올 때 {where_ko}(`{code}`)에서 오류가 나서 "
                        f"({w.get('type')}: {w.get('message')}) 그 줄을 빼고 채점했습니다.")
        if report.mode == "defs" and not is_definition(node):
            return Text(f" {name} was never defined: running the whole file took too long, so {where} (`{code}`) "
                        "was not run (only imports, functions, classes and plain constants were loaded).",
                        f" {name}이(가) 정의되지 않았습니다: 파일 전체를 실행하는 데 너무 오래 걸려 {where_ko}"
                        f"(`{code}`)은(는) 실행하지 않았습니다 (import, 함수, 클래스, 단순한 상수만 불러왔습니다).")
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
