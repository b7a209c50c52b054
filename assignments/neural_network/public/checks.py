"""Public checks of the neural_network assignment: a check for every concept, on public inputs.

Students run them with ``python check.py`` from the handout (or the notebook's last cell); a TA runs
them on a student's file with ``make check FILE=...``.  Each is marked with the id of the graded check
it previews and fails with the words of the report and, for the known mistakes (two at a time
included), the same "Likely mistake" (tests/handout/test_handout.py runs both on the same wrong files
and compares).  Expected values are written out as numbers, never computed: the sigmoid's below, and
for forward, update and training the ones in ``expected.json`` beside this file, which the grader's
generator (public_data.py, with the graded checks) writes from its reference on inputs of their own
(other seeds, batch sizes and learning rate than the graded checks).
"""
import json
from pathlib import Path

import numpy as np

from _feedback import CheckFailed, Mistake, StudentFault, StudentTimeout, check, close, compare, require
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


# -- the known mistakes: what each would compute, in words (the report names them with the same ones) -----
STEP_TEXT = {
    "no_mean": T("the gradients are not averaged over the m samples (missing / m).",
                 "기울기를 샘플 수 m으로 나누지 않았습니다 (/ m 누락)."),
    "no_mean_db": T("the bias gradients are not averaged over the m samples (missing / m in db).",
                    "편향(bias)의 기울기를 m으로 나누지 않았습니다 (db의 / m 누락)."),
    "no_mean_dw": T("the weight gradients are not averaged over the m samples (missing / m in dW).",
                    "가중치의 기울기를 m으로 나누지 않았습니다 (dW의 / m 누락)."),
    "mse_delta": T("the output delta is the squared-error one, (a3 - y) * a3 * (1 - a3); with the cross-entropy "
                   "loss and a sigmoid output it is simply a3 - y.",
                   "출력층 δ로 제곱 오차(MSE)용 (a3 - y) * a3 * (1 - a3)를 썼습니다. 교차 엔트로피 손실과 sigmoid "
                   "출력층에서는 δ3 = a3 - y 입니다."),
    "double_derivative": T("the sigmoid derivative is taken of the activation again: sigmoid(a) * (1 - sigmoid(a)) "
                           "where a already is sigmoid(z); use a * (1 - a).",
                           "이미 sigmoid(z)인 a에 sigmoid를 한 번 더 적용해 도함수를 구했습니다: "
                           "sigmoid(a) * (1 - sigmoid(a)) 대신 a * (1 - a)를 쓰세요."),
    "updated_first": T("the weights are updated before the hidden deltas are computed, so δ2 and δ1 use the new "
                       "w3 and w2; compute every delta first, then update.",
                       "은닉층 δ를 계산하기 전에 가중치를 먼저 갱신해서 δ2, δ1이 갱신된 w3, w2로 계산되었습니다. "
                       "모든 δ를 먼저 계산한 뒤 갱신하세요."),
    "ascent": T("the step goes up the gradient (+= instead of -=, or y - a3 instead of a3 - y).",
                "기울기의 반대 방향이 아니라 같은 방향으로 갱신했습니다 (-= 대신 +=, 또는 a3 - y 대신 y - a3)."),
    "no_bias_update": T("the biases are not updated.", "편향(bias)을 갱신하지 않았습니다."),
    "no_lr": T("the learning rate lr is not used in the update.", "갱신할 때 학습률 lr을 곱하지 않았습니다."),
    "lr_squared": T("the learning rate is applied twice (lr * lr).", "학습률을 두 번 곱했습니다 (lr * lr)."),
    "no_hidden_derivative": T("the hidden deltas lack the sigmoid derivative a * (1 - a).",
                              "은닉층 δ에 sigmoid의 도함수 a * (1 - a)를 곱하지 않았습니다."),
    "z_derivative": T("the sigmoid derivative is computed from z, z * (1 - z), instead of from a = sigmoid(z).",
                      "sigmoid 도함수를 a = sigmoid(z)가 아니라 z로 계산했습니다 (z * (1 - z))."),
    "db_sum_all": T("the bias gradient sums over every entry of the delta instead of over the samples "
                    "(use d.sum(axis=1, keepdims=True)).",
                    "편향 기울기를 샘플 방향이 아니라 δ의 모든 원소에 대해 더했습니다 "
                    "(d.sum(axis=1, keepdims=True)를 쓰세요)."),
    "m_from_rows": T("m is taken from the rows of X (len(X) or X.shape[0], the number of inputs); the samples are "
                     "its columns: m = X.shape[1].",
                     "m을 X의 행 수(len(X) 또는 X.shape[0], 입력의 개수)로 구했습니다. 샘플은 열 방향이므로 "
                     "m = X.shape[1]입니다."),
    "only_output_layer": T("only the output layer is updated: the hidden layers' weights do not change.",
                           "출력층만 갱신되고 은닉층의 가중치는 바뀌지 않았습니다."),
    "no_update": T("no weight or bias changes at all: update must assign the new values to self.w1 ... self.b3 "
                   "(self.w1 = self.w1 - lr * dW1, and so on); values computed into local variables or into private "
                   "copies of the weights are lost.",
                   "가중치와 편향이 전혀 바뀌지 않았습니다: update는 새 값을 self.w1 ... self.b3에 다시 넣어야 합니다 "
                   "(self.w1 = self.w1 - lr * dW1 등). 지역 변수나 따로 만든 가중치 복사본에 계산한 값은 사라집니다."),
    "db_no_keepdims": T("the bias gradient loses its column shape: d.sum(axis=1) has shape (n,), and b - lr * db then "
                        "broadcasts into an (n, n) matrix; use d.sum(axis=1, keepdims=True).",
                        "편향 기울기가 열벡터 모양을 잃었습니다: d.sum(axis=1)은 shape (n,)이라서 b - lr * db가 (n, n) 행렬로 "
                        "브로드캐스팅됩니다. d.sum(axis=1, keepdims=True)를 쓰세요."),
    "error_derivative": T("the hidden deltas take the derivative of the propagated error, e * (1 - e) with "
                          "e = w.T @ delta, instead of the activation's: δ2 = (w3.T @ δ3) * a2 * (1 - a2).",
                          "은닉층 δ에서 활성값이 아니라 전파된 오차 e = w.T @ δ의 도함수 e * (1 - e)를 곱했습니다: "
                          "δ2 = (w3.T @ δ3) * a2 * (1 - a2)입니다."),
    "mean_twice": T("the gradients are divided by m twice (once in the output delta and again in dW and db): "
                    "divide by m in one place only.",
                    "기울기를 m으로 두 번 나눴습니다 (출력층 δ에서 한 번, dW와 db에서 또 한 번). m으로는 한 곳에서만 "
                    "나누세요."),
}
FORWARD_TEXT = {
    "no_output_sigmoid": T("the output layer returns z3 without the sigmoid: a3 = sigmoid(z3).",
                           "출력층에서 sigmoid를 적용하지 않고 z3를 그대로 반환했습니다: a3 = sigmoid(z3)."),
    "relu_hidden": T("the hidden layers use ReLU; this network uses the sigmoid in every layer.",
                     "은닉층에 ReLU를 썼습니다. 이 과제의 신경망은 모든 층에 sigmoid를 씁니다."),
    "tanh_hidden": T("the hidden layers use tanh; this network uses the sigmoid in every layer.",
                     "은닉층에 tanh를 썼습니다. 이 과제의 신경망은 모든 층에 sigmoid를 씁니다."),
    "no_bias": T("the biases are not added: z = w @ a + b.", "편향을 더하지 않았습니다: z = w @ a + b."),
    **{f"no_bias_{i}": T(f"the bias of layer {i} is not added: z{i} = w{i} @ a{int(i) - 1} + b{i}.",
                         f"{i}층의 편향을 더하지 않았습니다: z{i} = w{i} @ a{int(i) - 1} + b{i}.") for i in ("1", "2", "3")},
    "private_copies": T("forward ignores the weights and biases given to self.w1 ... self.b3 and computes with copies "
                        "made in __init__ (a list or dict of parameters, say): every method must read the attributes "
                        "themselves, since the grader (and training) change them.",
                        "forward가 self.w1 ... self.b3에 넣은 가중치와 편향을 쓰지 않고 __init__에서 따로 만든 복사본(매개변수 "
                        "리스트나 딕셔너리 등)으로 계산합니다. 채점기와 학습 과정이 이 속성들을 바꾸므로 모든 메서드는 속성 "
                        "자체를 읽어야 합니다."),
    "sign_sigmoid": T("the sigmoid has the wrong sign in the exponent: 1 / (1 + np.exp(-z)).",
                      "sigmoid 지수의 부호가 틀렸습니다: 1 / (1 + np.exp(-z))."),
}
SIGMOID_TEXT = {
    "sign": FORWARD_TEXT["sign_sigmoid"],
    "tanh": T("this is tanh, not the sigmoid.", "sigmoid가 아니라 tanh입니다."),
    "derivative": T("this is the sigmoid's derivative, not the sigmoid.", "sigmoid가 아니라 sigmoid의 도함수입니다."),
    "plus_exp": T("the denominator is 1 - exp(-z); it should be 1 + exp(-z).",
                  "분모가 1 - exp(-z)입니다. 1 + exp(-z)이어야 합니다."),
}


def mistake_words(code: str):
    """The words for a mistake's code as the report shows it ("no_mean+double_derivative": both, numbered)."""
    tables = (STEP_TEXT, FORWARD_TEXT, SIGMOID_TEXT)
    return together([next(t[n] for t in tables if n in t) for n in code.split("+")])


def together(texts):
    """One mistake as it is; several as one hint that says each."""
    if len(texts) == 1:
        return texts[0]
    count = {2: ("Two", "두"), 3: ("Three", "세")}[len(texts)]
    head = T(f"{count[0]} mistakes at once: ", f"{count[1]} 가지 실수가 함께 있습니다: ")
    return head + T.join([T(f"({i}) ", f"({i}) ") + t for i, t in enumerate(texts, 1)], " ")


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
    for (z, expected), answers in zip(SIGMOID, data()["sigmoid"]):
        z = np.array(z) if isinstance(z, list) else z
        got = net.call("sigmoid", z)
        kind = SCALAR if np.ndim(z) == 0 else ARRAY.format(shape=np.shape(z))
        label = "sigmoid(" + np.array2string(np.asarray(z), precision=3, threshold=6) + ")"
        mistakes = [Mistake(code, SIGMOID_TEXT[code], answer, "sigmoid") for code, answer in arrays(answers).items()]
        compare(label, got, np.array(expected), rtol=1e-5, atol=1e-9, mistakes=mistakes, scalar_ok=True,
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


# -- forward values, the update and training: on the public inputs of expected.json ------------------------
PARAMETERS = ("w1", "b1", "w2", "b2", "w3", "b3")
ACTIVATIONS = ("z1", "a1", "z2", "a2", "z3", "a3")
# Checks whose inputs are expected.json's: their messages quote other numbers than the report's (the
# others' inputs lead to the same sentences for the common mistakes).  Every check names the known mistakes
# the report names (alone and two at a time).
NAMES_MISTAKES = True
PUBLIC_INPUTS = ("forward.values", "update.output_delta", "update.hidden_deltas", "update.gradient_check",
                 "train.convergence")
# Checks that mean what the graded one means only once others pass: training on other data may end
# otherwise when update is wrong (a squared learning rate converges on one data set and not on another);
# the update checks have failed then, here as in the report.
JUDGED_AFTER = {"train.convergence": ("update.output_delta", "update.hidden_deltas", "update.gradient_check")}

FORWARD_CONTEXT = T("With weights and non-zero biases set by the grader, forward(X) for X of shape {shape}:",
                    "채점기가 설정한 가중치와 0이 아닌 편향으로 shape {shape}인 X에 대해 forward(X)를 계산했습니다:")
AFTER_UPDATE = T("self.{name} after update", "update 후 self.{name}")
STEP_CONTEXT = T("From weights set by the grader, forward(X) then update({lr}, y, X) with X of shape {shape}:",
                 "채점기가 설정한 가중치에서 shape {shape}인 X로 forward(X) 후 update({lr}, y, X)를 호출했습니다:")
# A network with two output units and three inputs: mistakes that one output unit hides (w3.T * d3 for
# w3.T @ d3, a bias gradient summed over every unit) and m taken from the wrong axis show there.
WIDE_CONTEXT = T("With cf = {cf} (two output units) and weights set by the grader, forward(X) then update({lr}, y, X) "
                 "with X of shape {shape}:",
                 "cf = {cf} (출력 유닛 2개)이고 채점기가 설정한 가중치에서 shape {shape}인 X로 forward(X) 후 "
                 "update({lr}, y, X)를 호출했습니다:")
CHANGE_OF = T("the change of self.{name}", "self.{name}의 변화량")
GRADIENT_CONTEXT = T("The step update({lr}, y, X) made should be -lr times the gradient of the mean cross-entropy, "
                     "here measured by finite differences:",
                     "update({lr}, y, X)의 변화량은 평균 교차 엔트로피의 기울기(수치 미분으로 측정)에 -lr을 곱한 값이어야 "
                     "합니다:")
ARGUMENT_ORDER = T("update's parameters are ({names}); the specification is update(self, lr, y, X).",
                   "update의 매개변수가 ({names}) 순서입니다. 명세는 update(self, lr, y, X)입니다.")
TRAIN_NO_START = T("self.{name} from __init__ does not have shape {shape}; training cannot start.",
                   "__init__에서 만든 self.{name}의 shape가 {shape}이 아니어서 학습을 시작할 수 없습니다.")
TRAIN_LOST_SHAPE = T("After training, self.{name} no longer has shape {shape}.",
                     "학습 후 self.{name}의 shape가 더 이상 {shape}이 아닙니다.")
TRAIN_UNCHANGED = T("Not assessed: {done} epochs of update({lr}, y, X) left every weight and bias exactly as __init__ "
                    "made them, so there was no training to judge (the update checks say what update does wrong).",
                    "판단할 수 없습니다: update({lr}, y, X)를 {done} epoch 반복했는데 모든 가중치와 편향이 __init__에서 "
                    "만든 값 그대로여서 판단할 학습이 없습니다 (update의 문제는 update 검사 항목을 보세요).")
TRAIN_SHORT = T("After {epochs} epochs of forward(X) and update({lr}, y, X) on {m} samples, starting from your own "
                "initialisation, the network classifies {accuracy:.1%} of the samples correctly; at least "
                "{threshold:.0%} is needed (the reference reaches that from the same start).",
                "직접 초기화한 가중치에서 시작해 {m}개 샘플로 forward(X)와 update({lr}, y, X)를 {epochs} epoch "
                "반복했더니 정확도가 {accuracy:.1%}입니다. {threshold:.0%} 이상이어야 합니다 (같은 초기값에서 정답 "
                "코드는 이 정확도에 도달합니다).")

_DATA = {}


def data() -> dict:
    """expected.json, read once (it sits beside this file in the handout as in the repository)."""
    if not _DATA:
        _DATA.update(json.loads(Path(__file__).with_name("expected.json").read_text("utf-8")))
    return _DATA


def arrays(table: dict) -> dict:
    return {name: np.array(value, dtype=float) for name, value in table.items()}


def argument_order_hint(net):
    """An update whose parameters are not (lr, y, X), named (a wrong step from it says why), else None."""
    try:
        names = [n.lower() for n in net.signature("update")]
    except StudentFault:
        return None
    if names[:1] == ["self"]:
        names = names[1:]
    if len(names) == 3 and not any(word in names[0] for word in ("lr", "learn", "alpha")):
        return ARGUMENT_ORDER.format(names=", ".join(names))
    return None


def with_order_hint(fn):
    """A wrong step from an update whose parameters are not (lr, y, X) says so."""
    def run(student):
        try:
            fn(student)
        except CheckFailed as exc:
            hint = argument_order_hint(network(student))
            if hint is not None:
                raise CheckFailed(exc.text, exc.details, hint) from None
            raise
    run.__name__ = fn.__name__
    return run


def stepped(student, cf, p: dict, X, y, stored: dict, lr: float, forward: bool = True):
    """The student's six parameters after forward(X) then update(lr, y, X) from the weights ``p``, and
    whether forward ran without a fault (if not, pass ``forward=False`` for the next step: a forward that
    ends its process costs a restart each time, and a submission gets only a few).

    The right activations (``stored``) are written over the student's own before update, so a mistake
    in forward does not fail the update checks too.
    """
    net = network(student, cf)
    net.set_many(p)
    try:
        if forward:
            net.run("forward", X)
    except StudentFault:
        forward = False
        net = network(student, cf)
        net.set_many(p)
    try:
        net.set_many(stored)
    except StudentFault:  # an attribute the student's class refuses: set the others one by one
        for name, value in stored.items():
            try:
                net.set(name, value)
            except StudentFault:
                pass
    try:
        net.run("update", lr, y, X)  # what update returns (None, the loss, self) is not judged
    except StudentFault as exc:
        exc.hint = argument_order_hint(net)
        raise
    return net.get_many(PARAMETERS), forward


def explaining(after: dict, groups, texts: dict, concept: str = "update") -> list:
    """The known mistakes whose arrays explain every one the student's code left, from ``groups``: the
    (names, arrays) of the mistakes alone, then two at a time, and so on.  A hint speaks of the whole
    step, so it must fit all of it (a step that changes nothing is not "only the output layer is
    updated"); the fewest mistakes that explain it win."""
    for group in groups:
        found = [Mistake("+".join(names), together([texts[n] for n in names]), arrays_of, concept)
                 for names, arrays_of in group if all(close(after.get(n), arrays_of[n]) for n in arrays_of)]
        if found:
            return found
    return []


def compare_step(names, after: dict, expected: dict, mistakes, context) -> None:
    """The named parameters after update against the right ones; ``mistakes()`` gives what explains the step."""
    for name in names:
        compare(AFTER_UPDATE.format(name=name), after[name], expected[name],
                mistakes=lambda name=name: [Mistake(m.code, m.text, m.answer[name], m.concept) for m in mistakes()],
                context=context)


def compare_gradient(after: dict, p: dict, gradient: dict, lr: float, mistakes) -> None:
    """What update changed against -lr times the gradient measured by finite differences."""
    for name in PARAMETERS:
        got = after[name]
        change = got - p[name] if isinstance(got, np.ndarray) and got.shape == p[name].shape else got
        compare(CHANGE_OF.format(name=name), change, -lr * gradient[name], rtol=1e-4, atol=1e-6,
                mistakes=lambda name=name: [Mistake(m.code, m.text, m.answer[name] - p[name], m.concept)
                                            for m in mistakes()],
                context=GRADIENT_CONTEXT.format(lr=lr))


def compare_forward(net, out, expected: dict, mistakes, context) -> None:
    """forward's output, then each array it stored, against the right ones; ``mistakes(name)`` gives what
    each known forward mistake would have stored as ``name``."""
    compare("forward(X)", out, expected["a3"], mistakes=lambda: mistakes("a3"), context=context)
    for name in ACTIVATIONS:
        try:
            value = net.get(name)
        except StudentFault:
            continue  # whether it is stored at all is forward.shapes' question
        compare(f"self.{name}", value, expected[name], mistakes=lambda name=name: mistakes(name))


def require_shapes(values: dict, shapes: dict, text) -> None:
    """Each parameter an array of its specified shape, else the check fails saying ``text`` of the first that
    is not (training needs all six)."""
    for name, shape in shapes.items():
        value = values.get(name)
        require(isinstance(value, np.ndarray) and value.shape == shape, text.format(name=name, shape=shape))


def _once(fn):
    done = []

    def get():
        if not done:
            done.append(fn())
        return done[0]
    return get


def _own_forward(net, X, p: dict):
    """forward's output and stored arrays with the parameters the network's __init__ made (when they have the
    specified shapes), else None: what a forward that computes with copies of them gives whatever a check sets."""
    try:
        own = net.get_many(PARAMETERS)
        if not all(isinstance(own[k], np.ndarray) and own[k].shape == p[k].shape for k in PARAMETERS):
            return None
        out = net.call("forward", X)
        return dict(net.get_many(ACTIVATIONS), a3=out)
    except StudentTimeout:
        raise  # forward itself does not end: that is the verdict, said as for any call
    except StudentFault:
        return None


def _computes_with_copies(student, cf, X, own, out) -> bool:
    """Whether forward ignored the parameters the check set, yet depends on parameters: its output is the one
    with the network's own, and another network (another __init__, other random weights) gives another."""
    if own is None or not (isinstance(out, np.ndarray) and np.array_equal(out, own["a3"], equal_nan=True)):
        return False
    try:
        other = network(student, cf).call("forward", X)
    except StudentFault:
        return False
    return isinstance(other, np.ndarray) and other.shape == out.shape and not np.array_equal(other, out, equal_nan=True)


@check("forward.values")
def forward_values(student):
    d = data()["forward"]
    p, X, expected = arrays(d["params"]), np.array(d["X"], dtype=float), arrays(d["expected"])
    net = network(student, d["cf"])
    own = _own_forward(net, X, p)
    net.set_many(p)
    out = net.call("forward", X)
    copies = _once(lambda: _computes_with_copies(student, d["cf"], X, own, out))

    def mistakes(name):
        found = [Mistake(code, together([FORWARD_TEXT[n] for n in code.split("+")]), np.array(m[name], dtype=float),
                         "forward") for code, m in d["mistakes"].items()]
        if name in (own or {}) and copies():
            found.append(Mistake("private_copies", FORWARD_TEXT["private_copies"], own[name], "forward"))
        return found
    compare_forward(net, out, expected, mistakes, FORWARD_CONTEXT.format(shape=X.shape))


def _public_step(student, case: str, forward: bool = True):
    d = data()[case]
    p, X, y = arrays(d["params"]), np.array(d["X"], dtype=float), np.array(d["y"], dtype=float)
    after, forward = stepped(student, d["cf"], p, X, y, arrays(d["stored"]), d["lr"], forward)
    groups = {}
    for code, table in d["mistakes"].items():
        groups.setdefault(code.count("+"), []).append((tuple(code.split("+")), arrays(table)))
    mistakes = _once(lambda: explaining(after, [groups[k] for k in sorted(groups)], STEP_TEXT))
    return d, p, X, after, mistakes, forward


def _compare_public_steps(student, names) -> None:
    forward = True
    for case, context in (("step", STEP_CONTEXT), ("step_wide", WIDE_CONTEXT)):
        d, _, X, after, mistakes, forward = _public_step(student, case, forward)
        compare_step(names, after, arrays(d["expected"]), mistakes,
                     context.format(cf=d["cf"], lr=d["lr"], shape=X.shape))


@check("update.output_delta")
@with_order_hint
def update_output_delta(student):
    _compare_public_steps(student, ("w3", "b3"))


@check("update.hidden_deltas")
@with_order_hint
def update_hidden_deltas(student):
    _compare_public_steps(student, ("w2", "b2", "w1", "b1"))


@check("update.gradient_check")
@with_order_hint
def update_gradient_check(student):
    d, p, _, after, mistakes, _ = _public_step(student, "step")
    compare_gradient(after, p, arrays(d["gradient"]), d["lr"], mistakes)


@check("train.convergence")
def train_convergence(student):
    """Training from the student's own initialisation, judged by the student's own forward (the graded check
    judges the trained weights with the grader's)."""
    t = data()["training"]
    cf, lr, X, y = t["cf"], t["lr"], np.array(t["X"], dtype=float), np.array(t["y"], dtype=float)
    shapes = dict(parameter_shapes(cf))
    student.seed(t["init_seed"])
    net = student.new(CLASS, cf)
    start = net.get_many(PARAMETERS)
    require_shapes(start, shapes, TRAIN_NO_START)
    done, accuracy, final = 0, float("nan"), start
    while done < t["epochs"]:  # in chunks, so training stops as soon as the target is reached
        n = min(t["chunk"], t["epochs"] - done)
        final = net.repeat([("forward", [X]), ("update", [lr, y, X])], times=n, collect=PARAMETERS,
                           timeout=max(5.0, t["timeout"] * n / t["epochs"]))["final"]
        done += n
        require_shapes(final, shapes, TRAIN_LOST_SHAPE)
        out = net.call("forward", X)
        try:  # the output layer as update sees it (forward.shapes judges what forward returns)
            stored = net.get("a3")
            out = stored if isinstance(stored, np.ndarray) and stored.shape == y.shape else out
        except StudentFault:
            pass
        if isinstance(out, np.ndarray) and out.shape == y.shape:
            accuracy = float(np.mean((out >= 0.5) == (y >= 0.5)))
        if accuracy >= t["threshold"]:
            break
    unchanged = all(np.array_equal(final[name], start[name], equal_nan=True) for name in PARAMETERS)
    require(not unchanged, TRAIN_UNCHANGED.format(done=done, lr=lr))
    if not accuracy >= t["threshold"]:
        raise CheckFailed(TRAIN_SHORT.format(epochs=t["epochs"], lr=lr, m=y.shape[1], accuracy=accuracy,
                                             threshold=t["threshold"]))
