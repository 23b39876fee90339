package app

import (
	"fmt"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// Tp words a problem (rnn.Problem: a code and its values) in the page's
// language: English from rnn.Problems, Korean from koreanProblems, each
// value that names an option or a quantity in that language's word for it.
// Every code has its Korean (TestEveryProblemHasItsKorean), so no error
// reaches the page untranslated; an error no code covers arrives as
// rnn.CodeInternal, which says so in both languages.
func Tp(p *rnn.Problem) string {
	if p == nil {
		return ""
	}
	if uiLang != Korean {
		return protocol.Sentence(rnn.Sentence(p.Code, p.Args, p.Cause))
	}
	f, ok := koreanProblems[p.Code]
	if !ok {
		return protocol.Sentence(rnn.Sentence(p.Code, p.Args, p.Cause))
	}
	vals := make([]any, 0, len(p.Args)+1)
	for _, a := range p.Args {
		if ko, ok := optionNames[a]; ok {
			a = ko
		}
		vals = append(vals, a)
	}
	if p.Cause != nil {
		vals = append(vals, trimStop(Tp(p.Cause)))
	}
	return particles(fmt.Sprintf(f, vals...))
}

// withDetail is the problem worded, and its technical cause after it: for
// a failure whose words are all in the detail (a bug).
func withDetail(p *rnn.Problem) string {
	s := Tp(p)
	if p != nil && p.Detail != "" {
		s = trimStop(s) + ": " + p.Detail
	}
	return s
}

// Terr words any error: the problem it carries, else an internal one.
func Terr(err error) string { return Tp(rnn.AsProblem(err)) }

func trimStop(s string) string {
	if n := len(s); n > 0 && s[n-1] == '.' {
		return s[:n-1]
	}
	return s
}

// optionNames are the Korean words for the values a problem names: the
// options (rnn.Limits' names) and what a divergence was about.
var optionNames = map[string]string{
	"layers": "층 수", "embedding size": "임베딩 크기", "hidden size": "은닉 크기", "learning rate": "학습률",
	"momentum": "모멘텀", "weight decay": "가중치 감쇠", "gradient clipping": "기울기 클리핑", "steps": "단계 수",
	"window length": "윈도 길이", "batch size": "배치 크기", "seed": "시드",
	"title": "제목", "explanation": "설명", "question": "질문",
	"loss": "손실", "gradient": "기울기", "weights": "가중치", "NaN or infinite": "NaN 또는 무한대", "infinite": "무한대",
}

// koreanProblems are the Korean sentences of the codes: the same values
// in the same order as rnn.Problems (the cause, when there is one, last).
var koreanProblems = map[rnn.Code]string{
	rnn.CodeWholeRange:      "%s{은/는} %s부터 %s까지의 정수여야 합니다.",
	rnn.CodeNumberRange:     "%s{은/는} %s부터 %s까지의 수여야 합니다.",
	rnn.CodeOutOfRange:      "%s{은/는} %s부터 %s 사이여야 합니다(받은 값: %s).",
	rnn.CodeLRZero:          "학습률은 0보다 크고 %s 이하여야 합니다.",
	rnn.CodeSeed:            "시드는 0부터 %s까지의 정수여야 합니다.",
	rnn.CodeBatchForWindow:  "윈도 길이를 정하면 배치 크기는 1 이상이어야 합니다.",
	rnn.CodeUnknownCell:     "알 수 없는 셀 %s: rnn, rnn_relu, lstm, gru 중 하나를 쓰세요.",
	rnn.CodeUnknownOpt:      "알 수 없는 옵티마이저 %s: adam이나 sgd를 쓰세요.",
	rnn.CodeUnknownTok:      "알 수 없는 토큰 단위 %s: word나 char를 쓰세요.",
	rnn.CodeSchedule:        "schedule은 단계:lr=값 또는 단계:clip=값을 쉼표로 나눈 것입니다. 예: 31:lr=0.01.",
	rnn.CodeScheduleWhat:    "schedule은 lr과 clip만 바꿉니다.",
	rnn.CodeNoText:          "텍스트가 비어 있습니다: 학습할 문장을 입력하세요.",
	rnn.CodeTextTooLong:     "텍스트가 %s바이트입니다. 플레이그라운드는 %s MB까지 받습니다.",
	rnn.CodeTooManyTokens:   "텍스트에 서로 다른 토큰이 %s개 있습니다. 플레이그라운드는 %s개까지 받습니다(단어를 줄이거나 글자 단위로 나누세요).",
	rnn.CodeSingleTokens:    "모든 줄에 토큰이 하나뿐입니다: 한 줄에는 읽을 토큰과 예측할 토큰, 적어도 두 개가 필요합니다.",
	rnn.CodeShortForWindow:  "텍스트의 토큰은 %s개입니다. 윈도 %s에는 적어도 %s개가 필요합니다.",
	rnn.CodeMemory:          "이 설정에는 약 %s MB가 필요해 플레이그라운드가 허용하는 %s MB를 넘습니다: 은닉 크기, 층 수, 윈도 길이나 배치 크기를 줄이세요.",
	rnn.CodeMemoryLines:     "이 설정에는 약 %s MB가 필요해 플레이그라운드가 허용하는 %s MB를 넘습니다: 가장 긴 줄의 토큰이 %s개입니다. 텍스트를 더 짧은 줄로 나누거나 윈도로 학습하세요(코퍼스 모드).",
	rnn.CodeWorkersMemory:   "워커 %s개가 모델 사본에 약 %s MB를 써서 허용되는 %s MB를 넘습니다: 워커를 줄이세요.",
	rnn.CodeDiverged:        "%s단계에서 학습이 발산했습니다: %s{이/가} %s{이/가} 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요.",
	rnn.CodeNoPrefix:        "모델이 이어 쓸 단어(또는 글자)를 몇 개 입력하세요.",
	rnn.CodeGenerateCount:   "0부터 %s개까지 만들 수 있습니다(요청: %s개).",
	rnn.CodeTemperature:     "온도는 0부터 100 사이여야 합니다(받은 값: %s).",
	rnn.CodeNotAModel:       "이 파일은 플레이그라운드나, docs/pytorch.md의 코드로 PyTorch가 저장한 모델이 아닙니다.",
	rnn.CodeModelMemory:     "이 모델에는 약 %s MB가 필요해 플레이그라운드가 허용하는 %s MB를 넘습니다.",
	rnn.CodeModelVocab:      "모델의 단어장에 토큰이 %s개 있습니다. 플레이그라운드는 %s개까지 받습니다.",
	rnn.CodeModelNotFinite:  "모델의 가중치는 유한한 수여야 하는데, %s[%s]{이/가} %s입니다.",
	rnn.CodeCannotSave:      "모델을 저장할 수 없습니다.",
	rnn.CodeInternal:        "플레이그라운드 안에서 문제가 생겼습니다.",
	rnn.CodeHelperFailed:    "도우미 워커가 실패해(%s) 워커 하나로 학습을 계속합니다.",
	rnn.CodeSettingUnknown:  "알 수 없는 옵션 %s.",
	rnn.CodeWorkers:         "워커 수는 자동 또는 1부터 %s까지의 정수여야 합니다.",
	rnn.CodeAutoplay:        "autoplay는 1(바로 학습 시작) 또는 0입니다.",
	rnn.CodePace:            "속도는 normal, slow, full 중 하나입니다.",
	rnn.CodeLinkTooBig:      "링크의 압축된 부분을 풀면 %s MB가 넘어 플레이그라운드가 받을 수 없습니다.",
	rnn.CodeBadFragment:     "링크의 압축된 부분이 손상되어 기본값으로 엽니다.",
	rnn.CodeLinkUnreadable:  "링크의 일부를 읽지 못해 몇몇 옵션은 기본값을 씁니다.",
	rnn.CodeLinkRepeats:     "링크에 %s{이/가} %s번 있습니다. 첫 번째 값을 씁니다.",
	rnn.CodeLinkNotUsed:     "%[1]s{은/는} 쓰지 않았습니다: %[3]s. %[2]s{을/를} 씁니다.",
	rnn.CodeLinkUnknownKeys: "링크에 이 플레이그라운드가 모르는 옵션이 있어 무시했습니다: %s.",
	rnn.CodeLinkMisfit:      "링크의 옵션들이 서로 맞지 않습니다(%s). 그 옵션들은 기본값을 씁니다.",
	rnn.CodeNoModel:         "아직 모델이 없습니다: 먼저 위의 설정을 고치세요.",
	rnn.CodeGoalKind:        "목표 %s: 이 플레이그라운드가 확인하는 종류(loss, next, log, gradient, state, params, cell, steps)가 아니어서 무시합니다.",
	rnn.CodeGoalField:       "목표 %s: 모르는 항목 %s(이 목표의 항목: %s). 목표를 무시합니다.",
	rnn.CodeGoalEscape:      "목표 %s: 손상되어(퍼센트 이스케이프가 깨짐) 무시합니다.",
	rnn.CodeGoalCell:        "목표 %s: 셀이 아닌 값 %s(셀: rnn, rnn_relu, lstm, gru). 목표를 무시합니다.",
	rnn.CodeGoalNumber:      "목표 %s: %s{은/는} %s부터 %s까지의 수여야 하므로 목표를 무시합니다.",
	rnn.CodeGoalText:        "목표 %s: %s{은/는} 1자부터 %s자까지의 텍스트여야 하므로 목표를 무시합니다.",
	rnn.CodeGoalMissing:     "목표 %s: %s 항목이 있어야 하므로 목표를 무시합니다.",
	rnn.CodeGoalCount:       "링크에 목표가 %s개 있습니다. 페이지는 처음 %s개를 확인합니다.",
	rnn.CodeExerciseText:    "연습 문제의 %s{이/가} %s자보다 길어 잘랐습니다.",
	rnn.CodeCheckStep:       "풀이의 check=%s: 0부터 %s까지의 단계가 아니어서 확인하지 않습니다.",
}
