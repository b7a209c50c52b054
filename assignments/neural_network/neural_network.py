"""Week 9 assignment: a neural network as a numpy class.
9주차 과제: numpy로 신경망 클래스 구현하기.

Fill in the four methods below.  Keep the names, the argument order and the attribute names
exactly as written: the grader reads and sets them directly.
아래 네 개의 메서드를 완성하세요. 메서드 이름, 인자 순서, 속성 이름은 그대로 두어야 합니다.
채점기가 이 이름들을 직접 읽고 설정합니다.

Keep top-level code to imports and definitions.  Put your own test code under
``if __name__ == "__main__":``.
파일 최상위에는 import와 정의만 두고, 직접 실험하는 코드는 맨 아래
``if __name__ == "__main__":`` 블록 안에 넣으세요.
"""
import numpy as np


class NeuralNetwork:
    """A fully connected network with two hidden layers; sigmoid in every layer.
    은닉층 2개와 출력층 1개로 이루어진 완전 연결 신경망이며, 모든 층의 활성화 함수는 sigmoid입니다.

    Layer sizes come from ``cf = [n_in, n_h1, n_h2, n_out]``, e.g. ``[4, 3, 2, 1]``.
    층의 크기는 ``cf = [입력층, 은닉층1, 은닉층2, 출력층]`` 으로 주어집니다. 예: ``[4, 3, 2, 1]``.

    Data layout: one sample per COLUMN.  X has shape (n_in, m) for m samples.
    데이터 배치: 샘플 하나가 한 열(column)입니다. 샘플 m개의 X 는 (n_in, m) 모양입니다.
    """

    def __init__(self, cf):
        """Create the weights and biases for the layer sizes ``cf``.
        ``cf`` 의 크기에 맞게 가중치와 편향(bias)을 만듭니다.

        Args:
            cf: ``[n_in, n_h1, n_h2, n_out]`` (a list; any four positive ints, not only [4, 3, 2, 1]).
                (리스트; [4, 3, 2, 1] 뿐 아니라 어떤 양의 정수 4개든 처리해야 합니다.)

        Must set (반드시 만들어야 하는 속성):
            self.w1: (cf[1], cf[0])  random, not all equal   난수, 모두 같은 값이면 안 됨
            self.b1: (cf[1], 1)      zeros                  0으로 채운 열벡터
            self.w2: (cf[2], cf[1])  random                 난수
            self.b2: (cf[2], 1)      zeros                  0
            self.w3: (cf[3], cf[2])  random                 난수
            self.b3: (cf[3], 1)      zeros                  0

        Any random initialisation that breaks symmetry is fine (np.random.rand, np.random.randn,
        scaled randn, Xavier, He, ...).  Use the global np.random functions (or a Generator) so
        that np.random.seed(...) before construction makes it reproducible.
        대칭을 깨는 난수 초기화라면 무엇이든 괜찮습니다 (np.random.rand, randn, 크기를 줄인 randn,
        Xavier, He 등). 생성 전에 np.random.seed(...) 를 호출하면 같은 값이 나오도록
        np.random 함수를 사용하세요.

        The grader may overwrite w1 ... b3 after construction, so every other method must read
        them from these attributes (do not keep private copies).
        채점기는 생성 후에 w1 ... b3 를 직접 바꿔 넣을 수 있습니다. 다른 메서드는 반드시 이 속성에서
        값을 읽어야 합니다 (따로 복사본을 두지 마세요).
        """
        raise NotImplementedError("__init__ is not implemented yet / 아직 구현하지 않았습니다")

    def sigmoid(self, z):
        """Elementwise logistic function 1 / (1 + exp(-z)).
        원소별 sigmoid 함수 1 / (1 + exp(-z)) 입니다.

        Args:
            z: a Python float or int, or a numpy array of any shape.
               파이썬 실수/정수 또는 임의 모양의 numpy 배열.

        Returns:
            Same shape as z (a scalar for a scalar; (n, m) for (n, m)); do not flatten or reshape.
            입력과 같은 모양을 돌려줍니다 (스칼라 → 스칼라, (n, m) → (n, m)). 펴거나 모양을 바꾸지 마세요.
        """
        raise NotImplementedError("sigmoid is not implemented yet / 아직 구현하지 않았습니다")

    def forward(self, X):
        """Forward pass (순전파) for a batch of m samples.

        Args:
            X: (cf[0], m) array, one sample per column (m may be 1).
               (cf[0], m) 배열, 한 열이 샘플 하나 (m = 1 일 수도 있음).

        Stores (저장해야 하는 속성), with the (n, 1) biases broadcast over the m columns:
        ((n, 1) 편향은 브로드캐스팅으로 m개의 열에 똑같이 더해집니다)
            self.z1 = w1 @ X  + b1    (cf[1], m)      self.a1 = sigmoid(z1)   (cf[1], m)
            self.z2 = w2 @ a1 + b2    (cf[2], m)      self.a2 = sigmoid(z2)   (cf[2], m)
            self.z3 = w3 @ a2 + b3    (cf[3], m)      self.a3 = sigmoid(z3)   (cf[3], m)

        Returns:
            self.a3, shape (cf[3], m).  Column j must equal forward(X[:, [j]]) on its own.
            self.a3 ((cf[3], m) 모양)을 반환합니다. j번째 열은 X[:, [j]] 하나만 넣었을 때의 결과와 같아야 합니다.
        """
        raise NotImplementedError("forward is not implemented yet / 아직 구현하지 않았습니다")

    def update(self, lr, y, X):
        """One step of gradient descent (역전파 + 경사 하강법 한 번) on the mean binary cross-entropy.
        평균 이진 교차 엔트로피에 대해 경사 하강법을 한 번 수행합니다.

        Called right after ``forward(X)`` with the same X; use the activations it stored.
        같은 X 로 ``forward(X)`` 를 호출한 직후에 불립니다. forward 가 저장한 값을 사용하세요.

        Args:
            lr: learning rate (학습률), a float.
            y:  (cf[3], m) array of 0/1 labels (정답).
            X:  (cf[0], m) input (입력 데이터), the same X as in the forward pass (a0 = X).

        Formulas (m = number of samples; every delta uses the weights BEFORE this step):
        공식 (m = 샘플 수; 모든 delta 는 이번 업데이트 이전의 가중치로 계산):
            d3 = a3 - y                                  (cf[3], m)
            d2 = (w3.T @ d3) * a2 * (1 - a2)             (cf[2], m)
            d1 = (w2.T @ d2) * a1 * (1 - a1)             (cf[1], m)
            dW_l = d_l @ a_{l-1}.T / m                   same shape as w_l   (w_l 과 같은 모양)
            db_l = d_l.sum(axis=1, keepdims=True) / m    (n_l, 1)
            w_l -= lr * dW_l ;  b_l -= lr * db_l         for l = 1, 2, 3

        Changes self.w1 ... self.b3 (shapes unchanged).  The return value is ignored.
        self.w1 ... self.b3 를 갱신합니다 (모양은 그대로). 반환값은 사용하지 않습니다.
        """
        raise NotImplementedError("update is not implemented yet / 아직 구현하지 않았습니다")


if __name__ == "__main__":
    # Your own experiments go here; the grader does not run this block.
    # 직접 실험하는 코드는 여기에 두세요. 채점기는 이 블록을 실행하지 않습니다.
    np.random.seed(0)
    X = np.random.randn(4, 5)
    net = NeuralNetwork([4, 3, 2, 1])
    print(net.forward(X).shape)  # (1, 5)
