"""Hidden checks of the neural_network assignment (never leave the TA's machine).

Each test decides one check id.  Student code is reached only through the ``student`` proxy; every
expected value is computed here, by ``reference.py``, and every comparison happens in this process.
"""
from __future__ import annotations

import functools

import numpy as np
import pytest

from grader.checks import CheckFailed, Mistake, StudentFault, Text, compare, public, require, sibling

R = sibling(__file__, "reference")
P = public(__file__)  # the public checks' words: the report and check.py say the same sentences
CLASS = "NeuralNetwork"
T = Text

# -- the known mistakes: their words are the public checks' (check.py names them too) ---------------
STEP_TEXT, FORWARD_TEXT, together = P.STEP_TEXT, P.FORWARD_TEXT, P.together


def step_mistakes(p, X, y, lr, after) -> list[Mistake]:
    """The known step mistakes, alone, two or three at a time, that explain all six arrays of the student's step."""
    groups = ([(names, R.step(p, X, y, lr, mistake=names)) for names in R.combinations(R.STEP_MISTAKES, R.compatible, size)]
              for size in (1, 2, 3))
    return P.explaining(after, groups, STEP_TEXT)


# -- fixed inputs ---------------------------------------------------------------------------------
CF = [4, 3, 2, 1]


def fixed(seed: int, cf=CF, m: int = 5):
    rng = np.random.default_rng(seed)
    p = R.random_params(cf, rng)
    X = rng.normal(0, 1, (cf[0], m))
    y = (rng.random((cf[3], m)) > 0.5).astype(float)
    return p, X, y


network = P.network


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
        mistakes = lambda z=z: [Mistake(code, P.SIGMOID_TEXT[code], R.sigmoid_mistake(code, z), "sigmoid")  # noqa: E731
                                for code in R.SIGMOID_MISTAKES]
        compare(f"sigmoid({np.array2string(np.asarray(z), precision=3, threshold=6)})", got, R.sigmoid(z),
                rtol=1e-5, atol=1e-9, mistakes=mistakes, scalar_ok=True,
                context=P.SIGMOID_OF + kind + T(":", ""))


# -- forward -------------------------------------------------------------------------------------
def forward_mistakes(p, X, key, own=None):
    """The known forward mistakes, alone and two at a time, as the ``key`` array each would give; with the
    network's ``own`` parameters from __init__, also a forward that computes with those instead."""
    out = []
    for names in [(n,) for n in R.FORWARD_MISTAKES] + R.combinations(R.FORWARD_MISTAKES, R.forward_compatible, 2):
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
    P.compare_forward(net, out, R.forward(p, X), lambda name: forward_mistakes(p, X, name, own),
                      P.FORWARD_CONTEXT.format(shape=X.shape))


# -- update --------------------------------------------------------------------------------------
LR = 0.5


def student_step(student, seed: int = 3, cf=CF, forward: bool = True):
    """The student's parameters after forward(X) then update(lr, y, X) from known weights (P.stepped), and
    whether forward ran."""
    p, X, y = fixed(seed, cf)
    ref = R.forward(p, X)
    after, forward = P.stepped(student, cf, p, X, y, {name: ref[name] for name in R.STORED}, LR, forward)
    return p, X, y, after, forward


# A second network with two output units and three inputs (not m = 5): see P.WIDE_CONTEXT.
CF_WIDE = [3, 4, 3, 2]


def compare_steps(student, names) -> None:
    """The named arrays after one step, for the specification's example network, then for the wide one."""
    forward = True
    for cf, context in ((CF, P.STEP_CONTEXT), (CF_WIDE, P.WIDE_CONTEXT)):
        p, X, y, after, forward = student_step(student, cf=cf, forward=forward)
        mistakes = functools.cache(lambda: step_mistakes(p, X, y, LR, after))
        P.compare_step(names, after, R.step(p, X, y, LR), mistakes, context.format(cf=cf, lr=LR, shape=X.shape))


@pytest.mark.check("update.output_delta")
@P.with_order_hint
def test_update_output_delta(student):
    compare_steps(student, ("w3", "b3"))


@pytest.mark.check("update.hidden_deltas")
@P.with_order_hint
def test_update_hidden_deltas(student):
    compare_steps(student, ("w2", "b2", "w1", "b1"))


@pytest.mark.check("update.gradient_check")
@P.with_order_hint
def test_update_gradient_check(student):
    p, X, y, after, _ = student_step(student, seed=4)
    mistakes = functools.cache(lambda: step_mistakes(p, X, y, LR, after))
    P.compare_gradient(after, p, R.numeric_gradient(p, X, y), LR, mistakes)


# -- training ------------------------------------------------------------------------------------
@pytest.mark.check("train.convergence")
def test_train_convergence(student, params, details):
    c = params["convergence"]
    X, y = R.dataset(c["data_seed"], c["cf"][0], c["m"], c["rule"])
    student.seed(c["init_seed"])
    net = student.new(CLASS, list(c["cf"]))
    start = net.get_many(R.WEIGHTS)
    every, chunk, shapes = c["record_every"], c["chunk"], R.shapes(c["cf"])
    P.require_shapes(start, shapes, P.TRAIN_NO_START)
    recorded, done, accuracy = [], 0, float("nan")
    while done < c["epochs"]:  # in chunks, so training stops as soon as the grader sees the target reached
        n = min(chunk, c["epochs"] - done)
        result = net.repeat([("forward", [X]), ("update", [c["lr"], y, X])], times=n, record=0,
                            record_every=every, collect=R.WEIGHTS,
                            timeout=max(5.0, c["timeout"] * n / c["epochs"]))
        recorded += result["recorded"][: -(-n // every)]  # the child also keeps a chunk's last epoch
        done += n
        final = result["final"]
        P.require_shapes(final, shapes, P.TRAIN_LOST_SHAPE)
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
    require(not unchanged, P.TRAIN_UNCHANGED.format(done=done, lr=c["lr"]), dict(details))
    if not np.isfinite(accuracy) or accuracy < c["threshold"]:
        raise CheckFailed(P.TRAIN_SHORT.format(epochs=c["epochs"], lr=c["lr"], m=c["m"], accuracy=accuracy,
                                               threshold=c["threshold"]), dict(details))
