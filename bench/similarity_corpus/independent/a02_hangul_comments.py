import numpy as np

# 9주차 과제 - 신경망 클래스 구현
# cf = [입력층, 은닉층1, 은닉층2, 출력층]


class NeuralNetwork:
    def __init__(self, cf):
        # 가중치 초기화 (강의에서처럼 np.random.rand 사용)
        # w의 모양은 (이번 층 뉴런수, 이전 층 뉴런수)
        self.w1 = np.random.rand(cf[1], cf[0])
        self.w2 = np.random.rand(cf[2], cf[1])
        self.w3 = np.random.rand(cf[3], cf[2])
        # bias 는 0으로 초기화, 튜플로 넘겨야 함!!
        self.b1 = np.zeros((cf[1], 1))
        self.b2 = np.zeros((cf[2], 1))
        self.b3 = np.zeros((cf[3], 1))

    # 시그모이드 함수
    def sigmoid(self, z):
        return 1/(1 + np.exp(-z))

    # 순전파
    def forward(self, X):
        self.z1 = np.matmul(self.w1, X) + self.b1   # 브로드캐스팅으로 각 열에 b1 더해짐
        self.a1 = self.sigmoid(self.z1)
        self.z2 = np.matmul(self.w2, self.a1) + self.b2
        self.a2 = self.sigmoid(self.z2)
        self.z3 = np.matmul(self.w3, self.a2) + self.b3
        self.a3 = self.sigmoid(self.z3)
        return self.a3

    # lr : 학습률  y : 실제값  X : 입력 데이터
    def update(self, lr, y, X):
        saempeul = X.shape[1]   # 샘플 수 m (열 개수)

        # 출력층 델타 (교차엔트로피 + 시그모이드 -> a - y)
        delta3 = self.a3 - y
        # 은닉층 델타, 시그모이드 도함수 = a(1-a)
        delta2 = np.matmul(self.w3.T, delta3) * (self.a2 * (1 - self.a2))
        delta1 = np.matmul(self.w2.T, delta2) * (self.a1 * (1 - self.a1))

        # 기울기 계산
        giulgi_w3 = np.matmul(delta3, self.a2.T) / saempeul
        giulgi_w2 = np.matmul(delta2, self.a1.T) / saempeul
        giulgi_w1 = np.matmul(delta1, X.T) / saempeul
        giulgi_b3 = delta3.sum(axis=1, keepdims=True) / saempeul
        giulgi_b2 = delta2.sum(axis=1, keepdims=True) / saempeul
        giulgi_b1 = delta1.sum(axis=1, keepdims=True) / saempeul

        # 경사하강법으로 업데이트 (델타를 다 구한 다음에!)
        self.w1 = self.w1 - lr * giulgi_w1
        self.w2 = self.w2 - lr * giulgi_w2
        self.w3 = self.w3 - lr * giulgi_w3
        self.b1 = self.b1 - lr * giulgi_b1
        self.b2 = self.b2 - lr * giulgi_b2
        self.b3 = self.b3 - lr * giulgi_b3


if __name__ == "__main__":
    # 간단한 테스트: y = (x0 + x1 - x2 > 0)
    np.random.seed(1)
    ipryeok = np.random.randn(4, 20)
    jeongdap = ((ipryeok[0] + ipryeok[1] - ipryeok[2]) > 0).astype(float).reshape(1, 20)

    sinkyeongmang = NeuralNetwork([4, 3, 2, 1])
    print("w1:", sinkyeongmang.w1.shape, "b1:", sinkyeongmang.b1.shape)
    print("출력 shape:", sinkyeongmang.forward(ipryeok).shape)

    for epoch in range(2000):
        chulryeok = sinkyeongmang.forward(ipryeok)
        sonsil = -np.mean(jeongdap * np.log(chulryeok) + (1 - jeongdap) * np.log(1 - chulryeok))
        sinkyeongmang.update(1.0, jeongdap, ipryeok)
        if epoch % 500 == 0:
            print(epoch, "손실:", sonsil)

    jeonghwakdo = np.mean((sinkyeongmang.forward(ipryeok) >= 0.5) == jeongdap)
    print("정확도:", jeonghwakdo)
