package app

import (
	"net/url"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// The page speaks English or Korean. A message's English text is its key:
// T("Softmax table") is the Korean "소프트맥스 표" when the page is in
// Korean. Format strings keep their verbs in the same order in both
// languages. TestEveryMessageIsTranslated reads every T("…") call in the
// package and checks the catalogue has it.

// Languages the page can show.
const (
	English = "en"
	Korean  = "ko"
)

// uiLang is the page's language, set once when the page starts (from the
// link's lang=, the reader's last choice, or the browser's language).
var uiLang = English

// T translates an English message into the page's language; a message
// missing from the catalogue stays English. A format (with % verbs) keeps
// its particle choices for Tf, which knows the values.
func T(en string) string {
	if uiLang == Korean {
		if ko, ok := korean[en]; ok {
			if !strings.Contains(ko, "%") {
				ko = particles(ko)
			}
			return ko
		}
	}
	return en
}

// pickLang chooses the language: a valid explicit choice first (link,
// then stored), else the first of the browser's languages we speak.
func pickLang(explicit []string, browser []string) string {
	for _, l := range explicit {
		if l == English || l == Korean {
			return l
		}
	}
	for _, l := range browser {
		switch strings.ToLower(strings.SplitN(l, "-", 2)[0]) {
		case Korean:
			return Korean
		case English:
			return English
		}
	}
	return English
}

// korean is the catalogue: English text → Korean text.
var korean = map[string]string{
	// The page's cards and header
	"1 · Text":                            "1 · 텍스트",
	"2 · Model":                           "2 · 모델",
	"3 · Train":                           "3 · 학습",
	"4 · Ask the model":                   "4 · 모델에게 묻기",
	"Vocabulary":                          "단어장",
	"5 · Look inside":                     "5 · 안을 들여다보기",
	"6 · Share":                           "6 · 공유",
	"Lessons":                             "수업",
	"Try:":                                "해 보기:",
	"Show the page in the other language": "페이지를 다른 언어로 보기",

	// The page (playground.go and its panels)
	"Train a recurrent neural network on a sentence and watch it learn to predict the next word. The default run is the notebook's: ": "문장으로 순환 신경망을 학습시키고, 다음 단어를 예측하는 법을 배우는 모습을 지켜보세요. 기본 실행은 주피터 노트북과 같습니다: ",
	"the same numbers as PyTorch with torch.manual_seed(70)":                                                                          "torch.manual_seed(70)의 PyTorch와 같은 숫자",
	", digit for digit.": ", 자릿수 하나까지.",
	"Training runs in a Web Worker, so the page stays responsive. Every option is in the link: copy it to share this run.": "학습은 웹 워커에서 돌아가므로 페이지가 멈추지 않습니다. 모든 옵션이 링크에 들어 있으니, 링크를 복사해 이 실행을 공유하세요.",
	"Try again":     "다시 시도",
	"Text to learn": "학습할 텍스트",
	"Tokens: ":      "토큰: ",
	"words (split on spaces, as the notebook)": "단어 (주피터 노트북처럼 공백으로 나눔)",
	"characters (any script)":                  "글자 (모든 문자)",
	"Cell":                                     "셀",
	"Layers":                                   "층 수",
	"Embedding size E":                         "임베딩 크기 E",
	"Hidden size H":                            "은닉 크기 H",
	"Optimizer":                                "옵티마이저",
	"Learning rate":                            "학습률",
	"Gradient clipping (0 = off)":              "기울기 클리핑 (0 = 끔)",
	"Seed":                                     "시드",
	"Steps":                                    "단계 수",
	"Window T (0 = one sequence per line)":     "윈도 T (0 = 줄마다 시퀀스 하나)",
	"Batch B (with a window)":                  "배치 B (윈도와 함께)",
	"from %s to %s":                            "%s부터 %s까지",
	"▶ Train":                                  "▶ 학습",
	"Train until the last step":                "마지막 단계까지 학습",
	"❚❚ Pause":                                 "❚❚ 일시 정지",
	"Stop after the current step":              "현재 단계 뒤에 멈춤",
	"Step":                                     "한 단계",
	"Take one training step":                   "학습 한 단계 진행",
	"↺ Reset":                                  "↺ 초기화",
	"Start again from the initial weights":     "처음 가중치에서 다시 시작",
	"step ":                                    "단계 ",
	" steps/s":                                 " 단계/초",
	"starting the trainer…":                    "학습기 시작 중…",
	"loading the model…":                       "모델 불러오는 중…",
	"paused":                                   "일시 정지됨",
	"training":                                 "학습 중",
	"done":                                     "완료",
	"stopped: the loss diverged":               "멈춤: 손실이 발산했습니다",
	"cannot train these settings":              "이 설정으로는 학습할 수 없습니다",
	"No training steps yet.":                   "아직 학습 단계가 없습니다.",
	"Loss over %d steps, from %.4f to %.4f.":   "%d단계의 손실, %.4f에서 %.4f로.",
	" log scale":                               " 로그 눈금",
	"step %d":                                  "%d단계",
	"Latest step ":                             "최근 단계 ",
	"The log prints here every few steps, as the notebook does.": "주피터 노트북처럼 몇 단계마다 여기에 기록이 출력됩니다.",
	"not the next token of the text":                             "텍스트의 다음 토큰이 아님",
	"… and %d more sequences":                                    "… 그리고 시퀀스 %d개 더",
	"Start of a sentence":                                        "문장의 시작",
	"e.g. We are":                                                "예: We are",
	"Most likely next tokens":                                    "가장 가능성 높은 다음 토큰",
	"Add":                                                        "추가",
	"tokens, temperature":                                        "토큰, 온도",
	"0 takes the most likely token each time (greedy); higher values sample more freely": "0은 매번 가장 가능성 높은 토큰을 고릅니다 (탐욕적); 값이 클수록 더 자유롭게 샘플링합니다",
	"Generate": "생성",
	"The vocabulary appears when the text can be read.": "텍스트를 읽을 수 있으면 단어장이 나타납니다.",
	"%d tokens (vocab_size), %s trainable parameters.":  "토큰 %d개 (vocab_size), 학습 가능한 매개변수 %s개.",
	"id":             "번호",
	"token":          "토큰",
	"… and %d more.": "… 그리고 %d개 더.",
	", … %d more …":  ", … %d개 더 …",

	// Lessons (lessons.go)
	"The notebook's sentence": "주피터 노트북의 문장",
	"The notebook's run: an RNN learns to continue “We are going to watch Avengers End Game” word by word. The softmax table shows, after each word, how likely every word of the vocabulary is to come next.": "주피터 노트북의 실행: RNN이 “We are going to watch Avengers End Game”을 단어 단위로 이어 쓰도록 배웁니다. 소프트맥스 표는 각 단어 뒤에 단어장의 모든 단어가 다음에 올 확률을 보여 줍니다.",
	"Train step by step: at which step does the prediction after “to” become “watch”?":                                                                                                                         "한 단계씩 학습해 보세요: 몇 번째 단계에서 “to” 다음 예측이 “watch”가 되나요?",
	"A long dependency (RNN vs LSTM vs GRU)": "긴 의존성 (RNN, LSTM, GRU 비교)",
	"To say “중국어는 잘해” the model must remember “중국 칭다오” from about 70 characters earlier. The error of the last prediction has to flow back through every step in between.": "“중국어는 잘해”를 말하려면 모델은 약 70글자 앞의 “중국 칭다오”를 기억해야 합니다. 마지막 예측의 오차가 그 사이의 모든 단계를 거쳐 거꾸로 흘러가야 합니다.",
	"Train all three: how many decades does the RNN's gradient lose from the last step to the first? And the LSTM's?":                                                      "셋 다 학습해 보세요: RNN의 기울기는 마지막 단계에서 첫 단계까지 몇 자릿수(10의 거듭제곱)나 줄어드나요? LSTM은요?",
	"A short poem, character by character": "짧은 시, 글자 단위로",
	"With character tokens the model must learn spelling, spaces and line breaks. The unrolled network shows the LSTM's cell state c running along the top; under it, colour the text by the forget gate f and select a word: which units stay close to 1 across it?": "글자 토큰으로는 모델이 철자, 띄어쓰기, 줄바꿈을 배워야 합니다. 펼친 신경망에서 LSTM의 셀 상태 c가 위쪽을 따라 흐르는 것을 보고, 그 아래에서 텍스트를 망각 게이트 f로 칠한 뒤 단어 하나를 고르세요: 그 단어 동안 1에 가깝게 머무는 유닛은 어느 것인가요?",
	"After training, ask for the continuation of “Twinkle, t”. What does a temperature of 1 change?": "학습한 뒤 “Twinkle, t”의 뒷부분을 생성해 보세요. 온도를 1로 하면 무엇이 달라지나요?",
	"A Korean sentence": "한국어 문장",
	"Four short Korean sentences, one per line: each line is a sequence. After “나는” the next word may be “학교에” or “집에”: the softmax row spreads its probability over both.": "한 줄에 하나씩, 짧은 한국어 문장 네 개: 줄마다 시퀀스 하나입니다. “나는” 다음에는 “학교에”도 “집에”도 올 수 있어서 소프트맥스 행은 확률을 둘에 나눠 줍니다.",
	"What probabilities does the model give after “나는”? Why can it not be sure?":                                                                                            "“나는” 다음에 모델은 어떤 확률을 주나요? 왜 확신할 수 없을까요?",
	"Too high a learning rate (clipping)": "너무 큰 학습률 (기울기 클리핑)",
	"Plain SGD with learning rate 5 on a ReLU RNN: a few steps in, one gradient is so large that the weights jump and the loss becomes NaN. Training stops and keeps the last good weights.": "ReLU RNN에 학습률 5의 SGD: 몇 단계 만에 기울기 하나가 너무 커서 가중치가 튀고 손실이 NaN이 됩니다. 학습은 멈추고 마지막으로 정상이던 가중치를 유지합니다.",
	"Set gradient clipping to 1 and train again. Does the loss still diverge?":                                                                                                               "기울기 클리핑을 1로 하고 다시 학습해 보세요. 손실이 여전히 발산하나요?",
	"The RNN cell by hand": "RNN 셀을 손으로",
	"The notebook's CustomRNN computes h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh). Before training, the cell view writes out each term of that sum for the step you pick, with the model's own numbers.": "주피터 노트북의 CustomRNN은 h_t = tanh(x_t·W_ihᵀ + b_ih + h_{t−1}·W_hhᵀ + b_hh)를 계산합니다. 학습하기 전에 셀 보기를 열면, 고른 단계에서 이 합의 각 항을 모델의 실제 숫자로 보여 줍니다.",
	"Pick t = 2 (“going”) in the cell view: what is h[1], the second number of h? Type it into the goal. Which terms added up to it?":                                                                             "셀 보기에서 t = 2(“going”)를 고르세요: h의 두 번째 숫자 h[1]은 얼마인가요? 목표에 입력하세요. 어떤 항들이 더해져 그 값이 되었나요?",
	"Remember 중국 (RNN, LSTM or GRU?)": "중국을 기억하기 (RNN, LSTM, GRU 중 무엇?)",
	"To write “중국어는 잘해” at the end, the model needs “중국” from about 70 characters before. The gradient view shows how much of the last prediction's error reaches each earlier character: what does not arrive cannot be learned from.": "끝에서 “중국어는 잘해”를 쓰려면 모델은 약 70글자 앞의 “중국”이 필요합니다. 기울기 보기는 마지막 예측의 오차가 앞의 각 글자에 얼마나 닿는지 보여 줍니다: 닿지 않는 것에서는 배울 수 없습니다.",
	"Train the RNN first. Then change the cell: which cells get the error back to the first character losing at most 10 decades?":                                                                                                       "먼저 RNN을 학습하세요. 그다음 셀을 바꿔 보세요: 어떤 셀이 오차를 첫 글자까지 10자릿수 이하로만 줄어든 채 되돌려 보내나요?",
	"Choosing a learning rate": "학습률 고르기",
	"The notebook's learning rate, 0.001, is careful: after 40 steps its loss is still about 1.8. A larger rate moves the weights further at each step.": "주피터 노트북의 학습률 0.001은 조심스럽습니다: 40단계가 지나도 손실이 아직 약 1.8입니다. 학습률이 크면 단계마다 가중치를 더 멀리 옮깁니다.",
	"Find a learning rate that gets the loss below 0.05 by step 40. What happens to the curve when the rate is much too large?":                          "40단계까지 손실을 0.05 아래로 내리는 학습률을 찾으세요. 학습률이 지나치게 크면 곡선은 어떻게 되나요?",

	// Look inside (look.go, view_*.go, heatmap.go)
	"Softmax table":    "소프트맥스 표",
	"Training log":     "학습 기록",
	"Technical detail": "기술적인 내용",
	"← Swipe the table sideways to see every column →": "← 표를 옆으로 밀면 모든 열이 보입니다 →",
	"Glossary":                                  "용어 풀이",
	"What “%s” means":                           "“%s”의 뜻",
	"The trainer stopped: %s":                   "학습기가 멈췄습니다: %s",
	"Inside the cell":                           "셀 내부",
	"Vanishing gradient":                        "기울기 소실",
	"Compare RNN · LSTM · GRU":                  "RNN · LSTM · GRU 비교",
	"Colours":                                   "색",
	"The views appear when the model is ready.": "모델이 준비되면 보기가 나타납니다.",
	"Traced at step %d, under the current weights: sequence": "%d단계, 현재 가중치로 계산: 시퀀스",
	"Sequence of the batch":                                  "배치의 시퀀스",
	"of %d in the batch.":                                    "(배치의 %d개 중).",
	"Softmax axis":                                           "소프트맥스 축",
	"The last %d of %d time steps are shown.":                "시간 단계 %d개만 보여 줍니다 (전체 %d개 중 마지막).",
	"input → next":                                           "입력 → 다음",
	"all other tokens":                                       "나머지 모든 토큰",
	"others":                                                 "나머지",
	"prediction":                                             "예측",
	"target":                                                 "정답",
	"after %s: most likely %s (%.1f%%), target %s":                                                        "%s 다음: 가장 가능성 높은 것 %s (%.1f%%), 정답 %s",
	"Probability of each next token (columns) after each input token (rows).":                             "각 입력 토큰(행) 다음에 각 토큰(열)이 올 확률.",
	"Point at a square to read its probability.":                                                          "칸을 가리키면 그 확률이 보입니다.",
	"Columns: %d of the vocabulary's %d tokens, every target and prediction first, then the most likely.": "열: 토큰 %d개(단어장 전체 %d개 중). 모든 정답과 예측을 먼저 넣고, 그다음은 가능성이 큰 토큰입니다.",
	"outlined: the prediction (argmax)":                                                                   "테두리: 예측 (argmax)",
	"dot: the target (the next token of the text)":                                                        "점: 정답 (텍스트의 다음 토큰)",
	"As text": "텍스트로 보기",
	"softmax(0) normalises each column over the time steps: a column sums to 1, a row does not, so a row is no distribution over the next token.":        "softmax(0)은 각 열을 시간 단계에 걸쳐 정규화합니다: 열의 합은 1이지만 행의 합은 1이 아니므로, 행은 다음 토큰의 분포가 아닙니다.",
	"For this (T, V) output the last axis is axis 1, so softmax(1) is softmax(-1): each row sums to 1.":                                                  "이 (T, V) 출력에서 마지막 축은 1번 축이므로 softmax(1)은 softmax(-1)과 같습니다: 각 행의 합이 1입니다.",
	"softmax(-1) normalises each row over the vocabulary, the last axis: each row sums to 1 and is the distribution of the next token after that input.": "softmax(-1)은 각 행을 마지막 축인 단어장에 걸쳐 정규화합니다: 각 행의 합은 1이고, 그 입력 다음에 올 토큰의 분포입니다.",
	"Time step":                           "시간 단계",
	"layer %d":                            "%d층",
	"The first %d of %d units are shown.": "유닛 %d개만 보여 줍니다 (전체 %d개).",
	"Time runs to the right, one row per hidden unit. Blue is negative, orange positive; gates go from 0 (dark) to 1 (light). Click a column or use ←/→ on a map to pick a time step.": "시간은 오른쪽으로 흐르고, 은닉 유닛마다 한 행입니다. 파랑은 음수, 주황은 양수이고 게이트는 0(어두움)부터 1(밝음)까지입니다. 열을 클릭하거나 맵에서 ←/→ 키로 시간 단계를 고르세요.",
	"sum":                     "합",
	"t=%d %s · unit %d: %.4f": "t=%d %s · 유닛 %d: %.4f",
	"Step t = %d, layer %d:":  "단계 t = %d, %d층:",
	"%s: %d time steps × %d units, colour from %.3g to %.3g.": "%s: 시간 단계 %d개 × 유닛 %d개, 색 범위 %.3g ~ %.3g.",
	"How much of the last prediction's error flows back to each time step: ‖∂ℓ_T/∂h_t‖, on a log scale. A line that drops fast means the early tokens barely learn from the last one.": "마지막 예측의 오차가 각 시간 단계로 얼마나 거꾸로 흘러가는지: 로그 눈금의 ‖∂ℓ_T/∂h_t‖. 선이 빨리 떨어질수록 앞쪽 토큰은 마지막 토큰에서 거의 배우지 못합니다.",
	"‖∂ℓ_T/∂h_t‖ by time step":                  "시간 단계별 ‖∂ℓ_T/∂h_t‖",
	"%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the only step.": "%s: ‖∂ℓ_T/∂h_t‖는 하나뿐인 단계에서 %.3g입니다.",
	"%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: %.1f decades (×10 each) smaller going back, a vanishing gradient.":                                  "%s: ‖∂ℓ_T/∂h_t‖는 마지막 단계에서 %.3g, 첫 단계에서 %.3g입니다. 거슬러 올라갈수록 %.1f자릿수(한 자릿수에 10배) 작아집니다: 기울기 소실입니다.",
	"%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: it grows %.1f decades (×10 each) going back, an exploding gradient.":                                "%s: ‖∂ℓ_T/∂h_t‖는 마지막 단계에서 %.3g, 첫 단계에서 %.3g입니다. 거슬러 올라갈수록 %.1f자릿수(한 자릿수에 10배) 커집니다: 기울기 폭발입니다.",
	"%s: ‖∂ℓ_T/∂h_t‖ is %.3g at the last step and %.3g at the first: about the same size at every step.":                                                                 "%s: ‖∂ℓ_T/∂h_t‖는 마지막 단계에서 %.3g, 첫 단계에서 %.3g로, 모든 단계에서 크기가 거의 같습니다.",
	"Across: the input token at each time step, the last on the right. Up: the size of the gradient; each grid line is 10× the one below it.":                            "가로: 각 시간 단계의 입력 토큰(마지막이 오른쪽). 세로: 기울기의 크기이며, 격자선 하나가 아래 선의 10배입니다.",
	"Each point is one step's loss: the cross-entropy of the batch's next-token predictions (natural log). Lower is better; guessing evenly among V tokens scores ln V.": "각 점은 한 학습 단계의 손실입니다: 배치의 다음 토큰 예측에 대한 교차 엔트로피(자연로그). 낮을수록 좋고, V개 토큰 중에서 고르게 찍으면 ln V가 됩니다.",
	"Train all three":   "셋 다 학습",
	"Start again":       "다시 시작",
	"%s: step %d of %d": "%s: %d / %d단계",
	", loss %.4f":       ", 손실 %.4f",
	", the gradient falls %.1f decades from the last step to the first":                                       ", 기울기가 마지막 단계에서 첫 단계까지 %.1f자릿수 줄어듭니다",
	", the gradient grows %.1f decades from the last step to the first":                                       ", 기울기가 마지막 단계에서 첫 단계까지 %.1f자릿수 커집니다(기울기 폭발)",
	"The same text, seed and sizes, trained three times: only the cell differs. Each run has its own worker.": "같은 텍스트, 시드, 크기로 세 번 학습합니다: 셀만 다릅니다. 실행마다 자기 워커가 있습니다.",
	"Loss":                                  "손실",
	"Loss of each cell by step (log scale)": "셀별 단계에 따른 손실 (로그 눈금)",
	"‖∂ℓ_T/∂h_t‖ of each cell by time step": "셀별 시간 단계에 따른 ‖∂ℓ_T/∂h_t‖",

	// Links (links.go)
	"view=%s is not a view; the views are %s.":          "view=%s라는 보기는 없습니다. 보기는 %s입니다.",
	"hide= names controls this page does not have: %s.": "hide=에 이 페이지에 없는 컨트롤이 있습니다: %s.",
	"lang=%s is not a language of this page (en, ko).":  "lang=%s{은/는} 이 페이지의 언어가 아닙니다 (en, ko).",
	"Copy link":        "링크 복사",
	"Link copied":      "링크를 복사했습니다",
	"Link to this run": "이 실행의 링크",
	"The link holds the text, every option and the open view. To hide controls from a class, or to ask a question and set goals, make the link in “For teachers” below.": "링크에는 텍스트, 모든 옵션, 열린 보기가 들어 있습니다. 수업에서 컨트롤을 숨기거나 질문과 목표를 정하려면 아래 “교사용”에서 링크를 만드세요.",

	// Model files (modelfile.go) and PyTorch (pytorch_code.go)
	"Export model": "모델 내보내기",
	"Download the model as a safetensors file that PyTorch reads": "PyTorch가 읽는 safetensors 파일로 모델 내려받기",
	"Import model…": "모델 가져오기…",
	" or drop a .safetensors file here (from this page or from PyTorch)": " 또는 .safetensors 파일을 여기에 끌어다 놓으세요 (이 페이지나 PyTorch에서 만든 파일)",
	"The browser did not keep the model (%v): export it to keep it.":     "브라우저가 모델을 저장하지 못했습니다 (%v): 보관하려면 내보내세요.",
	"Could not read %s: %v.":  "%s{을/를} 읽지 못했습니다: %v.",
	"Loading %s…":             "%s 불러오는 중…",
	"%s was not loaded: %s":   "%s{을/를} 불러오지 못했습니다: %s",
	"Exported %s (%d bytes).": "%s 내보냄 (%d 바이트).",
	"Show as PyTorch":         "PyTorch 코드로 보기",
	"The same run in PyTorch, in the notebook's style: paste it into a notebook.": "같은 실행을 주피터 노트북 스타일의 PyTorch 코드로: 주피터 노트북에 붙여 넣으세요.",
	"Copy code": "코드 복사",

	// Workers (workers.go)
	"Workers": "워커",
	"auto":    "자동",
	"Workers train on several cores at once, each on a share of every batch. Auto uses up to 4, never more than the batch's rows. The same number of workers gives the same numbers on any computer.": "워커는 여러 코어에서 동시에 학습하며, 각자 매 배치의 한 몫을 맡습니다. 자동은 최대 4개를 쓰고, 배치의 행 수보다 많이 쓰지 않습니다. 워커 수가 같으면 어느 컴퓨터에서나 같은 숫자가 나옵니다.",
	" · %d workers": " · 워커 %d개",
	" · 1 worker":   " · 워커 1개",
	"Web Workers training this run, each on a share of every batch": "이 실행을 학습하는 웹 워커들 (각자 매 배치의 한 몫을 맡음)",
}

// langKey is where the reader's choice of language is kept.
const langKey = "rnn-playground.lang"

// storedLang is the language the reader chose last time, if any.
func storedLang() string {
	l, _ := storageGet(langKey)
	return l
}

// browserLangs are the browser's preferred languages, best first.
func browserLangs() []string {
	nav := app.Window().Get("navigator")
	if !nav.Truthy() {
		return nil
	}
	var out []string
	if ls := nav.Get("languages"); ls.Truthy() {
		for i := 0; i < ls.Length(); i++ {
			out = append(out, ls.Index(i).String())
		}
	}
	if l := nav.Get("language"); l.Truthy() {
		out = append(out, l.String())
	}
	return out
}

// langSwitch offers the other language. The choice is kept and the page
// reloads in it (every component renders its text once more from T).
type langSwitch struct {
	app.Compo
}

func (l *langSwitch) Render() app.UI {
	other, label := Korean, "한국어"
	if uiLang == Korean {
		other, label = English, "English"
	}
	return app.Button().Type("button").ID("lang-switch").Class("btn", "lang").
		Attr("lang", other).Title(T("Show the page in the other language")).Text(label).
		OnClick(func(ctx app.Context, e app.Event) {
			storageSet(langKey, other)
			query, _ := linkQuery()
			q, _ := url.ParseQuery(query)
			if q.Has("lang") {
				q.Set("lang", other)
				query = q.Encode()
			}
			app.Window().Get("location").Set("href", linkAddress(query))
		})
}
