"""Hidden checks of the neural_network assignment (never leave the TA's machine).

Each test decides one check id.  Student code is reached only through the ``student`` proxy; every
expected value is computed here, by ``reference.py``, and every comparison happens in this process.
"""
from __future__ import annotations

import functools
import itertools

import numpy as np
import pytest

from grader.checks import CheckFailed, Mistake, StudentFault, Text, close, compare, public, require, sibling

R = sibling(__file__, "reference")
P = public(__file__)  # the public checks' words: the report and check.py say the same sentences
CLASS = "NeuralNetwork"
T = Text

# -- the known mistakes, in words -------------------------------------------------------------------
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
                         f"{i}층의 편향을 더하지 않았습니다: z{i} = w{i} @ a{int(i) - 1} + b{i}.") for i in R.LAYERS},
    "private_copies": T("forward ignores the weights and biases given to self.w1 ... self.b3 and computes with copies "
                        "made in __init__ (a list or dict of parameters, say): every method must read the attributes "
                        "themselves, since the grader (and training) change them.",
                        "forward가 self.w1 ... self.b3에 넣은 가중치와 편향을 쓰지 않고 __init__에서 따로 만든 복사본(매개변수 "
                        "리스트나 딕셔너리 등)으로 계산합니다. 채점기와 학습 과정이 이 속성들을 바꾸므로 모든 메서드는 속성 "
                        "자체를 읽어야 합니다."),
    "sign_sigmoid": T("the sigmoid has the wrong sign in the exponent: 1 / (1 + np.exp(-z)).",
                      "sigmoid 지수의 부호가 틀렸습니다: 1 / (1 + np.exp(-z))."),
}
SIGMOID_MISTAKES = (
    ("sign", lambda z: 1 / (1 + np.exp(np.clip(z, -700, 700))), FORWARD_TEXT["sign_sigmoid"]),
    ("tanh", np.tanh, T("this is tanh, not the sigmoid.", "sigmoid가 아니라 tanh입니다.")),
    ("derivative", lambda z: R.sigmoid(z) * (1 - R.sigmoid(z)),
     T("this is the sigmoid's derivative, not the sigmoid.", "sigmoid가 아니라 sigmoid의 도함수입니다.")),
    ("plus_exp", lambda z: 1 / (1 - np.exp(-np.clip(z, -700, 700))),
     T("the denominator is 1 - exp(-z); it should be 1 + exp(-z).", "분모가 1 - exp(-z)입니다. 1 + exp(-z)이어야 합니다.")),
)


def together(texts: list[Text]) -> Text:
    """One mistake as it is; several as one hint that says each."""
    if len(texts) == 1:
        return texts[0]
    count = {2: ("Two", "두"), 3: ("Three", "세")}[len(texts)]
    head = T(f"{count[0]} mistakes at once: ", f"{count[1]} 가지 실수가 함께 있습니다: ")
    return head + Text.join([T(f"({i}) ", f"({i}) ") + t for i, t in enumerate(texts, 1)], " ")


def combinations(names, compatible, size: int) -> list[tuple[str, ...]]:
    """The mistakes ``size`` at a time that can be made together."""
    return [c for c in itertools.combinations(names, size) if compatible(c)]


def step_mistakes(p, X, y, lr, after, concept="update") -> list[Mistake]:
    """The known step mistakes, alone, two or three at a time, whose step explains every one of the six arrays
    the student's update left: a hint speaks of the whole step, so it must fit all of it (an update that
    changes nothing is not "only the output layer is updated").  The fewest mistakes that explain it win."""
    for size in (1, 2, 3):
        out = []
        for names in combinations(R.STEP_MISTAKES, R.compatible, size):
            q = R.step(p, X, y, lr, mistake=names)
            if all(close(after.get(n), q[n]) for n in R.WEIGHTS):
                out.append(Mistake("+".join(names), together([STEP_TEXT[n] for n in names]), q, concept))
        if out:
            return out
    return []


FORWARD_EXCLUSIVE = ({"relu_hidden", "tanh_hidden"}, {"no_bias", "no_bias_1", "no_bias_2", "no_bias_3"})


def forward_compatible(names) -> bool:
    ms = set(names)
    if "no_bias" in ms and len(ms & FORWARD_EXCLUSIVE[1]) > 1:
        return False
    return len(ms & FORWARD_EXCLUSIVE[0]) <= 1


# -- fixed inputs ---------------------------------------------------------------------------------
CF = [4, 3, 2, 1]


def fixed(seed: int, cf=CF, m: int = 5):
    rng = np.random.default_rng(seed)
    p = R.random_params(cf, rng)
    X = rng.normal(0, 1, (cf[0], m))
    y = (rng.random((cf[3], m)) > 0.5).astype(float)
    return p, X, y


def network(student, cf=CF):
    """A student's network; if their __init__ fails, an instance without it (the check sets what it needs)."""
    try:
        return student.new(CLASS, list(cf))
    except StudentFault:
        return student.bare(CLASS)


def set_params(net, p) -> None:
    net.set_many({name: p[name] for name in R.WEIGHTS})


# -- init ----------------------------------------------------------------------------------------
@pytest.mark.check("init.shapes")
def test_init_shapes(student, params):
    for cf in params["cfs"]:
        net = student.new(CLASS, list(cf))
        values = net.get_many(tuple(R.shapes(cf)))
        for name, shape in R.shapes(cf).items():
            value = values[name]
            got = getattr(value, "shape", None)
            if got != shape:
                hint = (P.SWAPPED if got == shape[::-1] else
                        P.FLAT_BIAS if name[0] == "b" and got == (shape[0],) else T("", ""))
                shown = type(value).__name__ if got is None else got
                raise CheckFailed(
                    P.WRONG_SHAPE.format(cf=cf, name=name, shape=shape, got=shown) + hint,
                    {"comparisons": [{"label": f"self.{name} for cf={cf}", "expected_shape": list(shape),
                                      "actual_shape": list(got) if got is not None else None}]})


def parameters(student, names, kind_ok, kind_text):
    """cf -> the named parameters of a new network for cf, each an array as ``kind_ok`` wants (else fail)."""
    def of(cf):
        net = student.new(CLASS, list(cf))
        values = {}
        for name in names:  # one by one, as the public check reads them: a missing one is named alone
            values[name] = value = net.get(name)
            require(kind_ok(value), kind_text.format(cf=cf, name=name, type=type(value).__name__))
        return values
    return of


@pytest.mark.check("init.biases_zero")
def test_init_biases_zero(student, params):
    biases = ("b1", "b2", "b3")
    of = parameters(student, biases, lambda v: isinstance(v, np.ndarray), P.BIAS_TYPE)
    for cf, values in P.sized(params["cfs"][:2], of, biases):
        for name, b in values.items():
            nonzero = int(np.count_nonzero(b))
            require(nonzero == 0, P.BIAS_NOT_ZERO.format(cf=cf, name=name, nonzero=nonzero, size=b.size),
                    {"comparisons": [{"label": f"self.{name}", "actual": np.asarray(b, float).tolist()
                                      if b.size <= 36 else None, "expected_shape": list(R.shapes(cf)[name])}]})


@pytest.mark.check("init.symmetry_breaking")
def test_init_symmetry_breaking(student, params):
    weights = ("w1", "w2", "w3")
    of = parameters(student, weights, lambda v: isinstance(v, np.ndarray) and v.size > 0, P.WEIGHT_TYPE)
    for cf, values in P.sized(params["cfs"][:2], of, weights):
        for name, w in values.items():
            flat = w.astype(float).ravel()
            require(not np.allclose(flat, flat[0]), P.ALL_EQUAL.format(cf=cf, name=name, value=flat[0]))


# -- sigmoid -------------------------------------------------------------------------------------
SIGMOID_INPUTS = (0.0, 2.0, -3, np.array([-30.0, -2.0, 0.0, 0.5, 30.0]),
                  np.linspace(-6, 6, 12).reshape(3, 4), np.linspace(-10, 10, 12).reshape(2, 3, 2))


@pytest.mark.check("sigmoid.values")
def test_sigmoid_values(student):
    net = network(student)
    for z in SIGMOID_INPUTS:
        got = net.call("sigmoid", z)
        kind = P.SCALAR if np.ndim(z) == 0 else P.ARRAY.format(shape=np.shape(z))
        mistakes = lambda z=z: [Mistake(code, text, fn(np.asarray(z, float)), "sigmoid")  # noqa: E731
                                for code, fn, text in SIGMOID_MISTAKES]
        compare(f"sigmoid({np.array2string(np.asarray(z), precision=3, threshold=6)})", got, R.sigmoid(z),
                rtol=1e-5, atol=1e-9, mistakes=mistakes, scalar_ok=True,
                context=P.SIGMOID_OF + kind + T(":", ""))


# -- forward -------------------------------------------------------------------------------------
def forward_mistakes(p, X, key, own=None):
    """The known forward mistakes, alone and two at a time, as the ``key`` array each would give; with the
    network's ``own`` parameters from __init__, also a forward that computes with those instead."""
    out = []
    for names in [(n,) for n in R.FORWARD_MISTAKES] + combinations(R.FORWARD_MISTAKES, forward_compatible, 2):
        with np.errstate(all="ignore"):
            out.append(Mistake("+".join(names), together([FORWARD_TEXT[n] for n in names]),
                               R.forward(p, X, mistake=names)[key], "forward"))
    if own is not None:
        with np.errstate(all="ignore"):
            out.append(Mistake("private_copies", FORWARD_TEXT["private_copies"], R.forward(own, X)[key], "forward"))
    return out


@pytest.mark.check("forward.shapes")
def test_forward_shapes(student, params):
    for seed, cf in enumerate(params["cfs"][:3]):
        for m in (1, 5):
            p, X, _ = fixed(100 + seed, cf, m)
            net = network(student, cf)
            set_params(net, p)
            out = net.call("forward", X)
            compare(P.RETURNED.format(cf=cf, m=m), out, np.zeros((cf[3], m)), shape_only=True,
                    context=P.X_SHAPE.format(shape=X.shape))
            stored = R.stored_shapes(cf, m)
            try:
                values = net.get_many(tuple(stored))  # one request; a missing attribute is found below
            except StudentFault:
                values = {}
            for name, shape in stored.items():
                try:
                    value = values[name] if name in values else net.get(name)
                except StudentFault:
                    raise CheckFailed(P.NOT_STORED.format(name=name, shape=shape)) from None
                compare(P.STORED.format(name=name, cf=cf, m=m), value, np.zeros(shape), shape_only=True)
                values[name] = value
            reason = P.computed(out, values)
            if reason is not None:
                raise CheckFailed(reason)


def varied(weights: dict) -> bool:
    """Weights that can tell samples apart: arrays whose entries are not all equal."""
    return all(isinstance(w, np.ndarray) and w.size > 1 and not np.all(w == w.flat[0]) for w in weights.values())


def same_for_every_sample(net, batch) -> bool:
    """forward gave every column of X the same output, and nothing it stored explains that (a saturated or
    dead unit can make outputs equal, but z1 = w1 @ X + b1 still differs between samples)."""
    if not (isinstance(batch, np.ndarray) and batch.ndim == 2 and batch.shape[1] > 1 and np.all(batch == batch[:, :1])):
        return False
    try:
        stored = net.get_many(("z1", "a3"))
    except StudentFault:
        return True
    z1 = stored["z1"]
    a3 = stored["a3"]
    explained = (isinstance(a3, np.ndarray) and a3.shape == batch.shape and np.array_equal(a3, batch, equal_nan=True)
                 and isinstance(z1, np.ndarray) and z1.ndim == 2
                 and z1.shape[1] == batch.shape[1] and not np.all(z1 == z1[:, :1]))
    return not explained


@pytest.mark.check("forward.broadcasting")
def test_forward_broadcasting(student, params):
    rng = np.random.default_rng(11)
    judged = False  # whether some round had weights that tell samples apart
    for own_biases in (True, False):
        net = student.new(CLASS, list(CF))
        try:
            own = net.get_many(("w1", "w2", "w3"))
        except StudentFault:
            own = {}
        weights_set = False
        if not own_biases:
            for name, shape in R.shapes(CF).items():
                if name[0] == "b":
                    net.set(name, rng.normal(0, 1, shape))
            # the grader's weights too, where the layout is the specified one
            weights_set = len(own) == 3 and all(isinstance(own[k], np.ndarray) and own[k].shape == R.shapes(CF)[k]
                                                 for k in own)
            if weights_set:
                net.set_many({k: rng.normal(0, 1, R.shapes(CF)[k]) for k in ("w1", "w2", "w3")})
        telling = weights_set or (len(own) == 3 and varied(own))
        judged = judged or telling
        which = T("With the network's own biases from __init__", "__init__에서 만든 편향으로") if own_biases else \
            T("With (n, 1) biases set by the grader", "채점기가 설정한 (n, 1) 편향으로")
        if weights_set:
            which = T("With weights and (n, 1) biases set by the grader", "채점기가 설정한 가중치와 (n, 1) 편향으로")
        for m in (1, 3, 5):
            X = rng.normal(0, 1, (CF[0], m))
            batch = net.call("forward", X)
            compare(T(f"forward(X) for m={m}", f"m={m}일 때 forward(X)"), batch, np.zeros((CF[3], m)), shape_only=True,
                    context=which + T(f", X of shape {X.shape}:", f", X의 shape {X.shape}:"))
            bad = int(np.size(batch) - np.count_nonzero(np.isfinite(batch)))
            require(bad == 0, which + T(f", forward(X) gave {bad} NaN or infinite entries for X of shape {X.shape}: "
                                        "whether each column equals that column's own forward cannot be judged "
                                        "(forward.values says more).",
                                        f" shape {X.shape}인 X에 대해 forward(X)의 값 중 {bad}개가 NaN 또는 무한대입니다. "
                                        "각 열이 그 열 하나만 넣은 결과와 같은지 판단할 수 없습니다 (자세한 내용은 "
                                        "forward.values 항목을 보세요)."))
            if telling and same_for_every_sample(net, batch):
                raise CheckFailed(which + T(f", forward(X) gave the same output for all {m} columns of X, which are "
                                            "different samples: the output must depend on each column of X.",
                                            f" forward(X)를 계산했더니 서로 다른 샘플인 X의 {m}개 열 모두에서 출력이 "
                                            "같았습니다. 출력은 X의 각 열(샘플)에 따라 달라야 합니다."))
            for j in range(m):
                alone = net.call("forward", X[:, [j]])
                compare(f"forward(X[:, [{j}]])", alone, np.zeros((CF[3], 1)), shape_only=True)
                compare(T(f"column {j} of forward(X) vs forward(X[:, [{j}]])",
                          f"forward(X)의 {j}번 열과 forward(X[:, [{j}]])의 비교"), batch[:, [j]], alone, rtol=1e-5,
                        context=which + T(f": the bias must be added to every one of the m={m} columns (samples) "
                                          "alike; a batch forward must give each column what that column alone gives.",
                                          f": 편향은 m={m}개의 열(샘플) 각각에 똑같이 더해져야 합니다(브로드캐스팅). "
                                          "여러 샘플을 한 번에 넣은 결과의 각 열은 그 열 하나만 넣은 결과와 같아야 합니다."))
        if not own_biases:  # the biases must be used at all, or their broadcasting shows nothing
            net.set_many({k: rng.normal(2, 1, R.shapes(CF)[k]) for k in ("b1", "b2", "b3")})
            moved = net.call("forward", X)
            require(not (isinstance(moved, np.ndarray) and moved.shape == batch.shape
                         and np.array_equal(moved, batch, equal_nan=True)),
                    T("Not assessed: forward(X) gave exactly the same output after the grader changed every bias: the "
                      "biases are not added, so how they are broadcast across the samples shows nothing "
                      "(forward.values names what is wrong).",
                      "판단할 수 없습니다: 채점기가 모든 편향을 바꿨는데도 forward(X)의 출력이 똑같았습니다. 편향을 더하지 "
                      "않으므로 편향이 샘플마다 어떻게 더해지는지(브로드캐스팅) 판단할 수 없습니다 (무엇이 틀렸는지는 "
                      "forward.values 항목을 보세요)."))
    require(judged, T("Not assessed: every weight of the network's own is equal, and w1, w2, w3 do not have the "
                      "specified shapes, so the grader could not give it weights that tell samples apart; a forward "
                      "that gives every sample the same output shows nothing about broadcasting.",
                      "판단할 수 없습니다: 신경망이 만든 가중치의 값이 모두 같고 w1, w2, w3의 shape도 명세와 달라서, "
                      "채점기가 샘플을 구별하는 가중치를 넣을 수 없었습니다. 모든 샘플에 같은 출력을 내는 forward로는 "
                      "브로드캐스팅을 판단할 수 없습니다."))


@pytest.mark.check("forward.values")
def test_forward_values(student):
    p, X, _ = fixed(1)
    net = network(student)
    try:  # what __init__ made: a forward that computes with copies of it ignores what the grader sets
        own = net.get_many(R.WEIGHTS)
        own = own if all(isinstance(own[k], np.ndarray) and own[k].shape == p[k].shape for k in R.WEIGHTS) else None
    except StudentFault:
        own = None
    set_params(net, p)
    out = net.call("forward", X)
    ref = R.forward(p, X)
    compare("forward(X)", out, ref["a3"], mistakes=lambda: forward_mistakes(p, X, "a3", own),
            context=T("With weights and non-zero biases set by the grader, forward(X) for X of shape (4, 5):",
                      "채점기가 설정한 가중치와 0이 아닌 편향으로 shape (4, 5)인 X에 대해 forward(X)를 계산했습니다:"))
    for name in R.STORED:
        try:
            value = net.get(name)
        except StudentFault:
            continue  # whether it is stored at all is forward.shapes' question
        compare(f"self.{name}", value, ref[name], mistakes=lambda name=name: forward_mistakes(p, X, name, own))


# -- update --------------------------------------------------------------------------------------
LR = 0.5


def student_step(student, seed: int = 3, cf=CF):
    """The student's parameters after forward(X) then update(lr, y, X) from known weights.

    The reference activations are written over the student's stored ones before update, so a bug in
    forward does not also fail the update checks.
    """
    p, X, y = fixed(seed, cf)
    net = network(student, cf)
    set_params(net, p)
    try:
        net.run("forward", X)
    except StudentFault:
        net = network(student, cf)
        set_params(net, p)
    ref = R.forward(p, X)
    try:
        net.set_many({name: ref[name] for name in R.STORED})
    except StudentFault:  # an attribute the student's class refuses: set the others one by one
        for name in R.STORED:
            try:
                net.set(name, ref[name])
            except StudentFault:
                pass
    try:
        net.run("update", LR, y, X)  # what update returns (None, the loss, self) is not judged
    except StudentFault as exc:
        exc.hint = argument_order_hint(net)
        raise
    after = net.get_many(R.WEIGHTS)
    return p, X, y, after


def argument_order_hint(net) -> Text | None:
    try:
        names = [n.lower() for n in net.signature("update")]
    except StudentFault:
        return None
    if names[:1] == ["self"]:
        names = names[1:]
    if len(names) == 3 and ("lr" not in names[0] and "learn" not in names[0] and "alpha" not in names[0]):
        return T(f"update's parameters are ({', '.join(names)}); the specification is update(self, lr, y, X).",
                 f"update의 매개변수가 ({', '.join(names)}) 순서입니다. 명세는 update(self, lr, y, X)입니다.")
    return None


def compare_step(names, after, p, X, y, label_text):
    expected = R.step(p, X, y, LR)
    mistakes = functools.cache(lambda: step_mistakes(p, X, y, LR, after))
    for name in names:
        compare(T(f"self.{name} after update", f"update 후 self.{name}"), after[name], expected[name],
                mistakes=lambda name=name: [Mistake(m.code, m.text, m.answer[name], m.concept) for m in mistakes()],
                context=label_text)


STEP_CONTEXT = T(f"From weights set by the grader, forward(X) then update({LR}, y, X) with X of shape (4, 5):",
                 f"채점기가 설정한 가중치에서 shape (4, 5)인 X로 forward(X) 후 update({LR}, y, X)를 호출했습니다:")
# A second network with two output units and three inputs (not m = 5): mistakes that a single output unit hides
# (w3.T * d3 for w3.T @ d3, a bias gradient summed over every unit) and m taken from the wrong axis show here.
CF_WIDE = [3, 4, 3, 2]
WIDE_CONTEXT = T(f"With cf = {CF_WIDE} (two output units) and weights set by the grader, forward(X) then "
                 f"update({LR}, y, X) with X of shape (3, 5):",
                 f"cf = {CF_WIDE} (출력 유닛 2개)이고 채점기가 설정한 가중치에서 shape (3, 5)인 X로 forward(X) 후 "
                 f"update({LR}, y, X)를 호출했습니다:")


def compare_steps(student, names) -> None:
    """The named arrays after one step, for the specification's example network, then for the wide one."""
    for cf, context in ((CF, STEP_CONTEXT), (CF_WIDE, WIDE_CONTEXT)):
        p, X, y, after = student_step(student, cf=cf)
        compare_step(names, after, p, X, y, context)


def _with_order_hint(fn):
    """A wrong step from an update whose parameters are not (lr, y, X) says so (pytest sees ``student``)."""
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


@pytest.mark.check("update.output_delta")
@_with_order_hint
def test_update_output_delta(student):
    compare_steps(student, ("w3", "b3"))


@pytest.mark.check("update.hidden_deltas")
@_with_order_hint
def test_update_hidden_deltas(student):
    compare_steps(student, ("w2", "b2", "w1", "b1"))


@pytest.mark.check("update.gradient_check")
@_with_order_hint
def test_update_gradient_check(student):
    p, X, y, after = student_step(student, seed=4)
    grads = R.numeric_gradient(p, X, y)
    mistakes = functools.cache(lambda: step_mistakes(p, X, y, LR, after))
    for name in R.WEIGHTS:
        got = after[name]
        step = got - p[name] if isinstance(got, np.ndarray) and got.shape == p[name].shape else got
        compare(T(f"the change of self.{name}", f"self.{name}의 변화량"), step, -LR * grads[name], rtol=1e-4, atol=1e-6,
                mistakes=lambda name=name: [Mistake(m.code, m.text, m.answer[name] - p[name], m.concept)
                                            for m in mistakes()],
                context=T(f"The step update({LR}, y, X) made should be -lr times the gradient of the mean "
                          "cross-entropy, here measured by finite differences:",
                          f"update({LR}, y, X)의 변화량은 평균 교차 엔트로피의 기울기(수치 미분으로 측정)에 "
                          "-lr을 곱한 값이어야 합니다:"))


# -- training ------------------------------------------------------------------------------------
@pytest.mark.check("train.convergence")
def test_train_convergence(student, params, details):
    c = params["convergence"]
    X, y = R.dataset(c["data_seed"], c["cf"][0], c["m"], c["rule"])
    student.seed(c["init_seed"])
    net = student.new(CLASS, list(c["cf"]))
    start = net.get_many(R.WEIGHTS)
    for name, value in start.items():
        require(isinstance(value, np.ndarray) and value.shape == R.shapes(c["cf"])[name],
                T(f"self.{name} from __init__ does not have shape {R.shapes(c['cf'])[name]}; training cannot start.",
                  f"__init__에서 만든 self.{name}의 shape가 {R.shapes(c['cf'])[name]}이 아니어서 학습을 시작할 수 "
                  "없습니다."))
    every, chunk, shapes = c["record_every"], c["chunk"], R.shapes(c["cf"])
    recorded, done, accuracy = [], 0, float("nan")
    while done < c["epochs"]:  # in chunks, so training stops as soon as the grader sees the target reached
        n = min(chunk, c["epochs"] - done)
        result = net.repeat([("forward", [X]), ("update", [c["lr"], y, X])], times=n, record=0,
                            record_every=every, collect=R.WEIGHTS,
                            timeout=max(5.0, c["timeout"] * n / c["epochs"]))
        recorded += result["recorded"][: -(-n // every)]  # the child also keeps a chunk's last epoch
        done += n
        final = result["final"]
        for name in R.WEIGHTS:
            require(isinstance(final.get(name), np.ndarray) and final[name].shape == shapes[name],
                    T(f"After training, self.{name} no longer has shape {shapes[name]}.",
                      f"학습 후 self.{name}의 shape가 더 이상 {shapes[name]}이 아닙니다."))
        with np.errstate(all="ignore"):
            accuracy = R.accuracy(final, X, y)  # judged here, with the grader's own forward pass
        if accuracy >= c["threshold"]:
            break
    eps = 1e-12
    curve = []
    for a3 in recorded:
        if isinstance(a3, np.ndarray) and a3.shape == y.shape and np.all(np.isfinite(a3)):
            a = np.clip(a3, eps, 1 - eps)
            curve.append(float(-np.sum(y * np.log(a) + (1 - y) * np.log(1 - a)) / y.shape[1]))
        else:
            curve.append(None)
    with np.errstate(all="ignore"):
        ref_curve = R.reference_curve(start, X, y, c["lr"], done, every)
    details.update({"curve": {"student": curve, "reference": ref_curve, "every": every, "epochs": done,
                              "max_epochs": c["epochs"]}, "accuracy": accuracy, "threshold": c["threshold"]})
    unchanged = all(np.array_equal(final[name], start[name], equal_nan=True) for name in R.WEIGHTS)
    require(not unchanged, T(f"Not assessed: {done} epochs of update({c['lr']}, y, X) left every weight and bias exactly "
                             "as __init__ made them, so there was no training to judge (the update checks say what "
                             "update does wrong).",
                             f"판단할 수 없습니다: update({c['lr']}, y, X)를 {done} epoch 반복했는데 모든 가중치와 편향이 "
                             "__init__에서 만든 값 그대로여서 판단할 학습이 없습니다 (update의 문제는 update 검사 항목을 "
                             "보세요)."), dict(details))
    if not np.isfinite(accuracy) or accuracy < c["threshold"]:
        raise CheckFailed(
            T(f"After {c['epochs']} epochs of forward(X) and update({c['lr']}, y, X) on {c['m']} samples, starting "
              f"from your own initialisation, the network classifies {accuracy:.1%} of the samples correctly; "
              f"at least {c['threshold']:.0%} is needed (the reference reaches that from the same start).",
              f"직접 초기화한 가중치에서 시작해 {c['m']}개 샘플로 forward(X)와 update({c['lr']}, y, X)를 "
              f"{c['epochs']} epoch 반복했더니 정확도가 {accuracy:.1%}입니다. {c['threshold']:.0%} 이상이어야 합니다 "
              "(같은 초기값에서 정답 코드는 이 정확도에 도달합니다)."), dict(details))
