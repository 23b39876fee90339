package app

// term is one concept of the page, in both languages: its word, what it
// means in a sentence, and the Korean words the page must not use for it
// (TestKoreanUsesTheGlossary), so that the page, its messages and its
// lessons say 학습 and 단계 throughout, not 학습 here and 훈련 there.
type term struct {
	ID           string // the glossary entry's element is "term-" + ID
	En, Ko       string
	DefEn, DefKo string // empty for a word kept only for its Avoid list
	Avoid        []string
}

var glossary = []term{
	{"loss", "loss", "손실",
		"How wrong the model's predictions are: the cross-entropy, the average of −ln p(target) over the predicted tokens. It falls as the model learns.",
		"모델의 예측이 얼마나 틀렸는지를 나타내는 값: 교차 엔트로피, 즉 예측한 토큰마다 −ln p(정답)의 평균입니다. 모델이 배우면 줄어듭니다.",
		[]string{"로스"}},
	{"embedding", "embedding", "임베딩",
		"The vector that stands for a token: its row of the embedding matrix (nn.Embedding), learned with the rest of the model.",
		"토큰을 나타내는 벡터: 임베딩 행렬(nn.Embedding)에서 그 토큰의 행이며, 모델의 나머지와 함께 학습됩니다.",
		[]string{"임베딩 벡터"}},
	{"hidden", "hidden state", "은닉 상태",
		"h_t, the network's memory after reading token t: computed from the input and h_{t−1}, and passed on to the next step. Its size is H.",
		"h_t, 토큰 t까지 읽은 뒤 신경망의 기억: 입력과 h_{t−1}로 계산하고 다음 단계로 넘깁니다. 그 크기가 H입니다.",
		[]string{"숨은 상태", "히든 상태"}},
	{"gate", "gate", "게이트",
		"In an LSTM or a GRU, a sigmoid between 0 and 1 for each unit that decides how much passes: what to forget, what to write, what to show.",
		"LSTM과 GRU에서 유닛마다 0과 1 사이의 시그모이드 값으로, 얼마나 통과시킬지 정합니다: 무엇을 잊고, 쓰고, 내보낼지.",
		[]string{"관문"}},
	{"softmax", "softmax", "소프트맥스",
		"Turns the output scores (logits) into probabilities that sum to 1: exp(z_i) / Σ_j exp(z_j).",
		"출력 점수(로짓)를 합이 1인 확률로 바꿉니다: exp(z_i) / Σ_j exp(z_j).",
		nil},
	{"gradient", "gradient", "기울기",
		"How the loss changes when a weight changes (∂loss/∂w), computed backwards through the network and through time; each step moves the weights against it.",
		"가중치가 바뀔 때 손실이 얼마나 바뀌는지(∂손실/∂w)로, 신경망과 시간을 거슬러 계산합니다. 학습 단계마다 가중치를 그 반대 방향으로 옮깁니다.",
		[]string{"그래디언트", "그라디언트", "경사"}},
	{"lr", "learning rate", "학습률",
		"How far each step moves the weights along the gradient: too small learns slowly, too large makes the loss jump or diverge.",
		"학습 단계마다 가중치를 기울기를 따라 얼마나 옮기는지: 너무 작으면 느리게 배우고, 너무 크면 손실이 튀거나 발산합니다.",
		[]string{"러닝 레이트", "학습 속도"}},
	{"clip", "gradient clipping", "기울기 클리핑",
		"Before each update, the gradient is scaled down when its norm is over the limit (clip_grad_norm_), so one huge gradient cannot throw the weights away. 0 turns it off.",
		"업데이트 전에 기울기의 노름이 한계를 넘으면 줄입니다(clip_grad_norm_). 큰 기울기 하나가 가중치를 망치지 못하게 합니다. 0이면 끕니다.",
		[]string{"그래디언트 클리핑"}},
	{"step", "step", "단계",
		"One update of the weights on one batch: forward pass, loss, backward pass, optimiser.",
		"한 배치로 가중치를 한 번 고치는 것: 순전파, 손실, 역전파, 옵티마이저.",
		[]string{"스텝"}},
	{"window", "window", "윈도",
		"In corpus mode, the length T of the pieces the text is cut into: each sequence the model reads has T tokens.",
		"코퍼스 모드에서 텍스트를 자르는 조각의 길이 T: 모델이 읽는 시퀀스마다 토큰이 T개입니다.",
		[]string{"윈도우"}},
	{"batch", "batch", "배치",
		"The B sequences trained on together in one step; the loss is their average.",
		"한 단계에서 함께 학습하는 시퀀스 B개로, 손실은 그 평균입니다.",
		nil},
	{"training", "training", "학습", "", "", []string{"훈련", "트레이닝"}},
	{"token", "token", "토큰", "", "", nil},
	{"vocabulary", "vocabulary", "단어장", "", "", []string{"어휘"}},
}

// termNamed is the glossary's entry id.
func termNamed(id string) (term, bool) {
	for _, t := range glossary {
		if t.ID == id {
			return t, true
		}
	}
	return term{}, false
}

// name and definition in the page's language.
func (t term) name() string {
	if uiLang == Korean {
		return t.Ko
	}
	return t.En
}

func (t term) definition() string {
	if uiLang == Korean {
		return t.DefKo
	}
	return t.DefEn
}
