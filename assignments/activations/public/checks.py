"""Public checks of the activations assignment: three of the graded checks, on public inputs.

Students run them with ``python check.py`` from the handout (or the notebook's last cell); a TA runs
them on a student's file with ``make check FILE=... ASSIGNMENT=activations``.  Each is marked with the id
of the graded check it previews and, for the same mistake, fails with the words of the report
(tests/test_handout.py runs both on the same wrong files and compares).  The first input is the graded
check's first, so a first failure reads the same; the report may add a "Likely mistake" line (the table
of known mistakes stays with the graded checks).  Expected values are written out as numbers.
"""
import numpy as np

from _feedback import CheckFailed, check, compare
from _feedback import Text as T

# (z, expected) for each function: the values of 1 / (1 + e^-z), tanh(z) and max(z, 0)
SIGMOID = (
    ([-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0],
     [9.3576229688393e-14, 0.11920292202211755, 0.37754066879814546, 0.5, 0.6224593312018546, 0.8807970779778823, 0.9999999999999065]),
    (0.0, 0.5),
    (2.0, 0.8807970779778823),
    (-1.5, 0.18242552380635632),
    ([[-3.0, -1.5, -0.25], [0.25, 1.5, 3.0]],
     [[0.04742587317756679, 0.18242552380635632, 0.4378234991142019], [0.5621765008857981, 0.8175744761936437, 0.9525741268224334]]),
)
TANH = (
    ([-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0],
     [-1.0, -0.9640275800758169, -0.46211715726000974, 0.0, 0.46211715726000974, 0.9640275800758169, 1.0]),
    (0.0, 0.0),
    (2.0, 0.9640275800758169),
    (-1.5, -0.9051482536448665),
    ([[-3.0, -1.5, -0.25], [0.25, 1.5, 3.0]],
     [[-0.9950547536867305, -0.9051482536448665, -0.24491866240370913], [0.24491866240370913, 0.9051482536448665, 0.9950547536867305]]),
)
RELU = (
    ([-30.0, -2.0, -0.5, 0.0, 0.5, 2.0, 30.0],
     [0.0, 0.0, 0.0, 0.0, 0.5, 2.0, 30.0]),
    (0.0, 0.0),
    (2.0, 2.0),
    (-1.5, 0.0),
    ([[-3.0, -1.5, -0.25], [0.25, 1.5, 3.0]],
     [[0.0, 0.0, 0.0], [0.25, 1.5, 3.0]]),
)

OF = T("{name} of ", "{name}의 입력: ")
SCALAR = T("a scalar", "스칼라")
ARRAY = T("an array of shape {shape}", "shape {shape}인 배열")


INPUT_CHANGED = T("{call} changed the array z it was given: the function must leave its input as it was and "
                  "return a new array (in a network, z is used again by backpropagation).",
                  "{call}가 인자로 받은 배열 z 자체를 바꿨습니다. 함수는 입력을 그대로 두고 새 배열을 "
                  "반환해야 합니다 (신경망에서는 z를 역전파에 다시 씁니다).")


def values(student, name: str, cases) -> None:
    """``name(z)`` for each case: a number for a number, an array of z's shape for an array; and z itself
    left as it was."""
    for z, expected in cases:
        z = np.array(z) if isinstance(z, list) else z
        got = student.call(name, z)
        what = SCALAR if np.ndim(z) == 0 else ARRAY.format(shape=np.shape(z))
        shown = np.array2string(np.asarray(z, dtype=float), precision=3, threshold=10, separator=", ")
        compare(name + "(" + shown + ")", got, np.array(expected), rtol=1e-5, atol=1e-9, scalar_ok=True,
                context=OF.format(name=name) + what + T(":", ""))
    z = np.array([[-2.0, -0.5, 0.0], [0.25, 1.5, 3.0]])
    _, after = student.call_keeping_args(name, z)
    left = after[0]
    if not (isinstance(left, np.ndarray) and left.shape == z.shape and np.array_equal(left, z, equal_nan=True)):
        raise CheckFailed(INPUT_CHANGED.format(call=f"{name}(z)"))


@check("values.sigmoid")
def sigmoid_values(student):
    values(student, "sigmoid", SIGMOID)


@check("values.tanh")
def tanh_values(student):
    values(student, "tanh", TANH)


@check("values.relu")
def relu_values(student):
    values(student, "relu", RELU)
