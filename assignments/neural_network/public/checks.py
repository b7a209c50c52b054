"""Public checks of the neural_network assignment: five of the graded checks, on public inputs.

Students run them with ``python check.py`` from the handout (or the notebook's last cell); a TA runs
them on a student's file with ``make check FILE=...``.  Each is marked with the id of the graded check
it previews and, for the same mistake, fails with the words of the report (tests/test_handout.py runs
both on the same wrong files and compares).  The report may add a "Likely mistake" line: the table of
known mistakes stays with the graded checks.  Expected values are written out as numbers, not computed.
"""
import numpy as np

from _feedback import CheckFailed, StudentFault, check, compare, require
from _feedback import Text as T

CLASS = "NeuralNetwork"
WEIGHTS, BIASES = ("w1", "w2", "w3"), ("b1", "b2", "b3")
CFS = ([4, 3, 2, 1], [3, 5, 4, 2])  # the specification's example first, then one of our own
BATCHES = (1, 3)                     # samples per forward call: m = 1 first, then several

# sigmoid(z) on fixed inputs: (z, expected), the values of 1 / (1 + e^-z)
SIGMOID = (
    (0.0, 0.5),
    (2.0, 0.8807970779778823),
    (-1, 0.2689414213699951),
    ([-4.0, -1.0, 0.0, 1.0, 4.0],
     [0.01798620996209156, 0.2689414213699951, 0.5, 0.7310585786300049, 0.9820137900379085]),
    ([[-2.0, -0.5, 0.0], [0.5, 1.0, 3.0]],
     [[0.11920292202211755, 0.3775406687981454, 0.5], [0.6224593312018546, 0.7310585786300049, 0.9525741268224334]]),
    ([[[-2.0, -1.5], [-1.0, -0.5]], [[0.0, 0.5], [1.0, 1.5]]],
     [[[0.11920292202211755, 0.18242552380635635], [0.2689414213699951, 0.3775406687981454]],
      [[0.5, 0.6224593312018546], [0.7310585786300049, 0.8175744761936437]]]),
)

# -- the words (the report's, for the same checks) ------------------------------------------------------
WRONG_SHAPE = T("NeuralNetwork({cf}): self.{name} should have shape {shape}, got {got}.",
                "NeuralNetwork({cf}): self.{name}의 shape는 {shape}이어야 하는데 {got}입니다.")
SWAPPED = T(" The two dimensions are swapped: w_l joins the cf[l-1] units of the previous layer to the cf[l] units "
            "of this one, so its shape is (cf[l], cf[l-1]).",
            " 두 차원이 뒤바뀌었습니다: w_l은 이전 층의 cf[l-1]개 유닛을 이번 층의 cf[l]개 유닛에 연결하므로 "
            "shape는 (cf[l], cf[l-1])입니다.")
FLAT_BIAS = T(" A bias must be a column of shape (n, 1), e.g. np.zeros((n, 1)), not (n,).",
              " 편향은 (n,)이 아니라 (n, 1) 열벡터여야 합니다. 예: np.zeros((n, 1)).")
BIAS_TYPE = T("NeuralNetwork({cf}): self.{name} should be a numpy array, got {type}.",
              "NeuralNetwork({cf}): self.{name}은(는) numpy 배열이어야 하는데 {type}입니다.")
BIAS_NOT_ZERO = T("NeuralNetwork({cf}): self.{name} should start at zero, but {nonzero} of its {size} entries are "
                  "not zero. Initialise biases with np.zeros((n, 1)).",
                  "NeuralNetwork({cf}): self.{name}은(는) 0으로 초기화해야 하는데 {size}개 중 {nonzero}개가 0이 "
                  "아닙니다. 편향은 np.zeros((n, 1))로 초기화하세요.")
WEIGHT_TYPE = T("self.{name} should be a numpy array, got {type}.",
                "self.{name}은(는) numpy 배열이어야 하는데 {type}입니다.")
ALL_EQUAL = T("NeuralNetwork({cf}): every entry of self.{name} is {value:.6g}. With equal weights all units of a "
              "layer compute the same thing and get the same update, so they never learn different features. "
              "Initialise the weights randomly, e.g. np.random.randn(n_out, n_in).",
              "NeuralNetwork({cf}): self.{name}의 모든 원소가 {value:.6g}입니다. 가중치가 모두 같으면 한 층의 모든 "
              "유닛이 같은 값을 계산하고 같은 방향으로 갱신되어 서로 다른 특징을 배우지 못합니다. "
              "np.random.randn(n_out, n_in)처럼 무작위로 초기화하세요.")
NOT_ASSESSED = T("Not assessed: ", "판단할 수 없습니다: ")
WRONG_SIZE = T("NeuralNetwork({cf}): self.{name} has {entries}, but its shape {shape} in the specification has "
               "{needed} (init.shapes judges the shape), so there is nothing here to judge.",
               "NeuralNetwork({cf}): self.{name}의 원소는 {size}개인데 명세의 shape {shape}에는 {needed}개가 있어야 "
               "합니다 (shape는 init.shapes 항목에서 판단합니다). 그래서 이 항목에서 판단할 값이 없습니다.")
NOT_A3 = T("forward(X) returned something other than the self.a3 it stored: it must return the output layer's "
           "activation a3, computed from X (a placeholder of the right shape shows nothing computed).",
           "forward(X)가 저장한 self.a3와 다른 값을 반환했습니다. forward는 X로부터 계산한 출력층의 활성값 a3를 "
           "반환해야 합니다 (shape만 맞춘 임시 값은 계산했다는 근거가 되지 않습니다).")
SAME_FOR_EVERY_SAMPLE = T("self.z1 is the same for all {m} columns of X, which are different samples: z1 = w1 @ X + b1 "
                          "must be computed from X.",
                          "서로 다른 샘플인 X의 {m}개 열 모두에서 self.z1이 같습니다. z1 = w1 @ X + b1은 X로부터 "
                          "계산해야 합니다.")
SIGMOID_OF = T("sigmoid of a ", "sigmoid의 입력: ")
SCALAR = T("scalar", "스칼라")
ARRAY = T("array of shape {shape}", "shape {shape}인 배열")
RETURNED = T("forward(X) return value for cf={cf}, m={m}", "cf={cf}, m={m}일 때 forward(X)의 반환값")
X_SHAPE = T("X has shape {shape}:", "X의 shape는 {shape}입니다:")
STORED = T("self.{name} after forward, cf={cf}, m={m}", "cf={cf}, m={m}일 때 forward 후 self.{name}")
NOT_STORED = T("forward(X) should store self.{name} (shape {shape}); the network has no attribute {name} after "
               "forward.",
               "forward(X)는 self.{name}(shape {shape})을(를) 저장해야 하는데, forward 호출 후에 {name} 속성이 "
               "없습니다. update에서 쓰이므로 저장해 두어야 합니다.")


# -- the network's shapes, by the specification ---------------------------------------------------------
def parameter_shapes(cf) -> list:
    """[(name, shape)] in the order w1, b1, w2, b2, w3, b3: w_l is (cf[l], cf[l-1]), b_l is (cf[l], 1)."""
    out = []
    for layer in (1, 2, 3):
        out += [(f"w{layer}", (cf[layer], cf[layer - 1])), (f"b{layer}", (cf[layer], 1))]
    return out


def activation_shapes(cf, m: int) -> list:
    """[(name, shape)] of what forward stores, in the order z1, a1, z2, a2, z3, a3: (cf[l], m) each."""
    return [(f"{kind}{layer}", (cf[layer], m)) for layer in (1, 2, 3) for kind in ("z", "a")]


def sized(cfs, arrays_of, names):
    """The (cf, arrays) whose named parameters have one entry per weight or unit of the specification.

    What a check of their entries judges (zero biases, weights not all equal) means nothing in a (1, 1)
    array for a layer of 3 units; a layout that is right for some cf (the lecture's [4, 3, 2, 1], say) is
    judged there, and init.shapes names the others.  No cf at all: not assessed, saying why.
    """
    judged, first_wrong = [], None
    for cf in cfs:
        arrays, shapes = arrays_of(cf), dict(parameter_shapes(cf))
        wrong = [n for n in names if isinstance(arrays[n], np.ndarray) and arrays[n].size != np.prod(shapes[n])]
        if not wrong:
            judged.append((cf, arrays))
        elif first_wrong is None:
            n = wrong[0]
            size = arrays[n].size
            first_wrong = WRONG_SIZE.format(cf=cf, name=n, size=size, entries=f"{size} entr{'y' if size == 1 else 'ies'}",
                                            shape=shapes[n], needed=int(np.prod(shapes[n])))
    if not judged:
        raise CheckFailed(NOT_ASSESSED + first_wrong)
    return judged


def computed(out, stored: dict):
    """Why forward's result of the right shape shows nothing computed, or None: it must be the a3 it stores,
    and the z1 it stores must differ between samples (with the grader's random weights it does; a dead ReLU
    or a saturated sigmoid may give equal outputs, never an equal z1)."""
    a3 = stored.get("a3")
    if not (isinstance(a3, np.ndarray) and a3.shape == np.shape(out) and np.array_equal(out, a3, equal_nan=True)):
        return NOT_ASSESSED + NOT_A3
    z1 = stored.get("z1")
    if isinstance(z1, np.ndarray) and z1.ndim == 2 and z1.shape[1] > 1 and np.all(z1 == z1[:, :1]):
        return NOT_ASSESSED + SAME_FOR_EVERY_SAMPLE.format(m=z1.shape[1])
    return None


def network(student, cf=CFS[0]):
    """The student's network; if their __init__ fails, one made without it (the check sets what it needs)."""
    try:
        return student.new(CLASS, cf)
    except StudentFault:
        return student.bare(CLASS)


# -- the checks ---------------------------------------------------------------------------------------
@check("init.shapes")
def init_shapes(student):
    for cf in CFS:
        net = student.new(CLASS, cf)
        for name, shape in parameter_shapes(cf):
            value = net.get(name)
            got = value.shape if isinstance(value, np.ndarray) else None
            if got == shape:
                continue
            hint = T("", "")
            if got == shape[::-1]:
                hint = SWAPPED
            elif name.startswith("b") and got == (shape[0],):
                hint = FLAT_BIAS
            shown = got if got is not None else type(value).__name__
            raise CheckFailed(WRONG_SHAPE.format(cf=cf, name=name, shape=shape, got=shown) + hint)


@check("init.biases_zero")
def init_biases_zero(student):
    def biases(cf):
        net = student.new(CLASS, cf)
        values = {name: net.get(name) for name in BIASES}
        for name, value in values.items():
            require(isinstance(value, np.ndarray), BIAS_TYPE.format(cf=cf, name=name, type=type(value).__name__))
        return values

    for cf, values in sized(CFS, biases, BIASES):
        for name, value in values.items():
            nonzero = np.count_nonzero(value)
            require(nonzero == 0, BIAS_NOT_ZERO.format(cf=cf, name=name, nonzero=nonzero, size=value.size))


@check("init.symmetry_breaking")
def init_symmetry_breaking(student):
    def weights(cf):
        net = student.new(CLASS, cf)
        values = {name: net.get(name) for name in WEIGHTS}
        for name, value in values.items():
            is_array = isinstance(value, np.ndarray) and value.size > 0
            require(is_array, WEIGHT_TYPE.format(name=name, type=type(value).__name__))
        return values

    for cf, values in sized(CFS, weights, WEIGHTS):
        for name, value in values.items():
            entries = value.astype(float).ravel()
            require(not np.allclose(entries, entries[0]), ALL_EQUAL.format(cf=cf, name=name, value=entries[0]))


@check("sigmoid.values")
def sigmoid_values(student):
    net = network(student)
    for z, expected in SIGMOID:
        z = np.array(z) if isinstance(z, list) else z
        got = net.call("sigmoid", z)
        kind = SCALAR if np.ndim(z) == 0 else ARRAY.format(shape=np.shape(z))
        label = "sigmoid(" + np.array2string(np.asarray(z), precision=3, threshold=6) + ")"
        compare(label, got, np.array(expected), rtol=1e-5, atol=1e-9, scalar_ok=True,
                context=SIGMOID_OF + kind + T(":", ""))


@check("forward.shapes")
def forward_shapes(student):
    rng = np.random.default_rng(2024)
    for cf in CFS:
        for m in BATCHES:
            X = rng.standard_normal((cf[0], m))
            net = network(student, cf)
            for name, shape in parameter_shapes(cf):
                net.set(name, rng.standard_normal(shape))
            out = net.call("forward", X)
            compare(RETURNED.format(cf=cf, m=m), out, np.zeros((cf[3], m)), shape_only=True,
                    context=X_SHAPE.format(shape=X.shape))
            stored = {}
            for name, shape in activation_shapes(cf, m):
                try:
                    value = net.get(name)
                except StudentFault:
                    raise CheckFailed(NOT_STORED.format(name=name, shape=shape)) from None
                compare(STORED.format(name=name, cf=cf, m=m), value, np.zeros(shape), shape_only=True)
                stored[name] = value
            reason = computed(out, stored)
            if reason is not None:
                raise CheckFailed(reason)
