package app

import "maps"

// The Korean of an exercise: the teacher's goals, their live status, and
// the student's solution link (exercisecard.go).
func init() {
	maps.Copy(korean, map[string]string{
		"Exercise":           "연습 문제",
		"%d of %d goals met": "달성한 목표: %d / %d",
		"Show the exercise":  "연습 문제 보기",
		"Fold":               "접기",
		"Your teacher hid %d controls for this exercise.": "선생님이 이 연습 문제를 위해 조작 항목 %d개를 숨겼습니다.",
		"Goals":               "목표",
		"not yet met":         "아직 달성하지 못함",
		"met":                 "달성",
		"not met in this run": "이번 실행에서는 달성하지 못함",
		"A solution link: the page trains this run to step %d, then checks every goal there.":    "풀이 링크입니다: 페이지가 이 실행을 %d단계까지 학습한 뒤 그 단계에서 모든 목표를 확인합니다.",
		"✔ Confirmed: trained here, this run meets every goal at step %d, as the solution says.": "✔ 확인됨: 여기서 학습한 이 실행은 풀이대로 %d단계에서 모든 목표를 달성합니다.",
		"✘ Not confirmed: trained here, this run does not meet every goal by step %d.":           "✘ 확인되지 않음: 여기서 학습한 이 실행은 %d단계까지 모든 목표를 달성하지 못합니다.",
		"Copy my solution link":                 "내 풀이 링크 복사",
		"Solution link copied":                  "풀이 링크를 복사했습니다",
		"My solution link":                      "내 풀이 링크",
		"✔ Every goal met at step %d, with %s.": "✔ %d단계에서 모든 목표를 달성했습니다(설정: %s).",
		"Send it to your teacher: their page trains the same run and checks the goals itself.": "선생님께 보내세요: 선생님의 페이지가 같은 실행을 학습하고 목표를 직접 확인합니다.",
		"The loss below %s by step %d": "손실 %s 미만, %d단계 이내",
		"The loss below %s":            "손실 %s 미만",
		"After “%s”, the next token “%s” with a probability of at least %s": "“%s” 다음 토큰 “%s”, 확률 %s 이상",
		"After “%s”, the next token “%s” ranked first":                      "“%s” 다음 토큰 “%s”, 1순위",
		"The log prints “%s”": "기록에 “%s” 출력",
		"The gradient reaches the first step losing at most %s decades": "첫 단계에 이르는 기울기가 %s자릿수 이하로 줄어듦",
		"Fewer than %s trainable parameters":                            "학습 가능한 매개변수 %s개 미만",
		"The cell is %s":                                                "셀: %s",
		" or ":                                                          " 또는 ",
		"At most %d steps":                                              "%d단계 이하",
		"✔ holds":                                                       "✔ 충족",
		"✔ met at step %d":                                              "✔ %d단계에서 달성",
		"waiting for the run":                                           "실행을 기다리는 중",
		"loss %.4f at step %d":                                          "손실 %.4f (%d단계)",
		"the model does not know this token":                            "모델이 모르는 토큰입니다",
		"now %s, ranked %d, at step %d":                                 "지금 %s, %d순위 (%d단계)",
		"last printed “%s”":                                             "마지막 출력 “%s”",
		"now %.1f decades, at step %d":                                  "지금 %.1f자릿수 (%d단계)",
		"this model has %s":                                             "이 모델은 %s개",
		"change the cell":                                               "셀을 바꾸세요",
		"this run has %d steps":                                         "이 실행은 %d단계",
		"change a setting and train again":                              "설정을 바꿔 다시 학습하세요",
	})
}
