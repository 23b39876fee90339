package app

// glossary is one term for one concept, in both languages: the Korean
// texts use Ko and never an Avoid (TestKoreanUsesTheGlossary), so that the
// page, its messages and its lessons say 학습 and 단계 throughout, not 학습
// here and 훈련 there.
var glossary = []struct {
	En, Ko string
	Avoid  []string // other Korean words for the same concept
}{
	{"training", "학습", []string{"훈련", "트레이닝"}},
	{"step", "단계", []string{"스텝"}},
	{"loss", "손실", []string{"로스"}},
	{"gradient", "기울기", []string{"그래디언트", "그라디언트", "경사"}},
	{"gradient clipping", "기울기 클리핑", []string{"그래디언트 클리핑"}},
	{"learning rate", "학습률", []string{"러닝 레이트", "학습 속도"}},
	{"embedding", "임베딩", []string{"임베딩 벡터"}},
	{"hidden state", "은닉 상태", []string{"숨은 상태", "히든 상태"}},
	{"gate", "게이트", []string{"관문"}},
	{"softmax", "소프트맥스", nil},
	{"window", "윈도", []string{"윈도우"}},
	{"batch", "배치", nil},
	{"token", "토큰", nil},
	{"vocabulary", "단어장", []string{"어휘"}},
}
