package app

import "maps"

// The Korean of the run's state: refusals that block Train, and the
// banner of a restored or imported model (runstate.go, origin.go).
func init() {
	maps.Copy(korean, map[string]string{
		"blocked":       "멈춤",
		"Train waits: ": "학습 대기: ",
		"Restored: the model this browser kept at step %d of this run.": "복원됨: 이 브라우저가 이 실행의 %d 단계에서 저장한 모델입니다.",
		"Its loss was %.4f.":                      "그때 손실은 %.4f였습니다.",
		"Loaded %s: %s, %d layer(s), E=%d, H=%d.": "%s 불러옴: %s, %d층, E=%d, H=%d.",
		"Training goes on from these weights, counting its steps from 1. The notebook's numbers come from the seed.":                                                                                          "학습은 이 가중치에서 이어지고, 단계는 1부터 셉니다. 노트북의 숫자는 시드에서 시작해야 나옵니다.",
		"Its loss curve and log are below, and training goes on from its step. The optimiser starts afresh, so later digits differ from a run without the reload; the notebook's numbers come from the seed.": "손실 곡선과 기록은 아래에 있고, 학습은 그 단계부터 이어집니다. 옵티마이저는 새로 시작하므로 이후의 숫자는 새로 고침 없이 학습한 실행과 조금 다릅니다. 노트북의 숫자는 시드에서 시작해야 나옵니다.",
		"↺ Start over from the seed": "↺ 시드부터 다시 시작",
		" and %d more":               " 외 %d개",
		"The model does not know %d token(s) of the text, read as <unk>: ": "모델이 모르는 텍스트의 토큰 %d개는 <unk>로 읽힙니다: ",
		"Train on the text anyway":    "그래도 이 텍스트로 학습",
		"Keep the model for Ask only": "모델을 질문에만 사용",
		"Or change the text: the model goes, and a new one learns the new text from the seed.":                                                 "또는 텍스트를 바꾸세요: 이 모델은 버리고, 새 모델이 시드부터 새 텍스트를 학습합니다.",
		"The model does not know some tokens of the text: choose what to do above.":                                                            "모델이 텍스트의 일부 토큰을 모릅니다: 위에서 어떻게 할지 고르세요.",
		"This model is kept for Ask only. Start over from the seed to train.":                                                                  "이 모델은 질문에만 씁니다. 학습하려면 시드부터 다시 시작하세요.",
		"Not in the model's vocabulary, read as <unk>: ":                                                                                       "모델의 어휘에 없어 <unk>로 읽는 토큰: ",
		"No link: even compressed, this text (%d KB) makes a link longer than a browser opens. Share the text as a file, or export the model.": "링크를 만들 수 없습니다: 이 텍스트(%d KB)는 압축해도 브라우저가 여는 링크보다 깁니다. 텍스트를 파일로 나누어 주거나 모델을 내보내세요.",
		"The link holds the text (%d KB, compressed in the link), every option and the open view.":                                             "링크에는 텍스트(%d KB, 링크 안에 압축), 모든 옵션, 열린 보기가 들어 있습니다.",
		"The link holds the text, every option and the open view.":                                                                             "링크에는 텍스트, 모든 옵션, 열린 보기가 들어 있습니다.",
		"This text is too long for a link, even compressed: share the text as a file, or export the model.":                                    "이 텍스트는 압축해도 링크에 담기에 너무 깁니다: 텍스트를 파일로 나누어 주거나 모델을 내보내세요.",
		"Pace":        "속도",
		"Pace: ":      "속도: ",
		"slow motion": "느리게",
		"normal":      "보통",
		"full speed":  "최고 속도",
		"%d steps a second: watch each step, the log and the open view":                    "1초에 %d단계: 단계마다 로그와 열린 보기를 지켜봅니다",
		"the whole run in about %d seconds":                                                "전체 학습을 약 %d초 동안",
		"as fast as this computer trains":                                                  "이 컴퓨터가 학습할 수 있는 가장 빠른 속도로",
		"Step ×10":                                                                         "10단계",
		"Take ten training steps at the chosen pace":                                       "고른 속도로 학습 10단계 진행",
		"The link could not be updated: the address bar may show older options.":           "링크를 갱신하지 못했습니다: 주소창에 이전 옵션이 보일 수 있습니다.",
		"The compressed part of the link is damaged, so the link opens with the defaults.": "링크의 압축된 부분이 손상되어 기본값으로 엽니다.",
	})
}
