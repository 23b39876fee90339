package app

import "maps"

// The Korean of the "For teachers" card (teacherpanel.go, qrcode.go).
func init() {
	maps.Copy(korean, map[string]string{
		"For teachers": "교사용",
		"Make an exercise link: hide controls, ask a question, set goals":                                                      "연습 문제 링크 만들기: 컨트롤 숨기기, 질문하기, 목표 정하기",
		"The link holds this run as it is now, with what you choose here. Students who open it see the page as you set it up.": "링크에는 지금 이 실행과 여기서 고른 것이 들어 있습니다. 링크를 연 학생은 선생님이 꾸민 그대로의 페이지를 봅니다.",

		// The controls to hide, grouped as hideable lists them
		"Hide from students":            "학생에게 숨기기",
		"Hide this panel from students": "학생에게 이 패널 숨기기",
		"Cards":                         "카드",
		"Options":                       "옵션",
		"Training and views":            "학습과 보기",
		"Text":                          "텍스트",
		"Model":                         "모델",
		"Train":                         "학습",
		"Ask the model":                 "모델에게 묻기",
		"Look inside":                   "안을 들여다보기",
		"Share":                         "공유",
		"Lessons menu":                  "수업 메뉴",
		"Words or characters":           "단어 또는 글자 단위",
		"Gradient clipping":             "기울기 클리핑",
		"Window T":                      "윈도 T",
		"Batch B":                       "배치 B",
		"Step and Step ×10":             "한 단계와 10단계 버튼",
		"Reset":                         "초기화",
		"Changes while training":        "학습 중 바꾸기",
		"Earlier runs":                  "이전 실행",
		"Loss curve":                    "손실 곡선",
		"Language switch":               "언어 전환",

		// The exercise's texts
		"The exercise": "연습 문제",
		"In any language; students see them above the page.": "어떤 언어로 써도 됩니다. 학생은 페이지 위쪽에서 봅니다.",
		"Title":                   "제목",
		"Explanation":             "설명",
		"Question":                "질문",
		"Students' page language": "학생 페이지의 언어",
		"their browser's":         "학생 브라우저의 언어",

		// Goals
		"Goals": "목표",
		"The page checks each goal while the student trains.": "학생이 학습시키는 동안 페이지가 목표를 하나씩 확인합니다.",
		"+ Add a goal":                         "+ 목표 추가",
		"An exercise checks at most %d goals.": "연습 문제는 목표를 %d개까지 확인합니다.",
		"Goal %d":                              "목표 %d",
		"Kind":                                 "종류",
		"Remove":                               "삭제",
		"Remove goal %d":                       "목표 %d 삭제",
		"Not in the link: %s":                  "링크에서 뺐습니다: %s",
		"Loss below … by step …":               "… 단계까지 손실 … 미만",
		"Next token after a prefix":            "앞부분 다음의 토큰",
		"A log line":                           "학습 기록 한 줄",
		"Gradient reaching the first step":     "첫 단계까지 닿는 기울기",
		"Fewer parameters than":                "매개변수 수 … 미만",
		"Cell is":                              "셀 종류",
		"At most … steps":                      "최대 … 단계",
		"Loss below":                           "손실이 이 값 미만",
		"by step (optional)":                   "이 단계까지 (선택)",
		"After the prefix":                     "이 앞부분 다음에",
		"the next token is":                    "오는 다음 토큰",
		"with a probability of at least (optional, 0 to 1)":                         "최소 확률 (선택, 0부터 1까지)",
		"The last log line reads":                                                   "마지막 학습 기록 줄",
		"At most this many decades (×10 each) lost from the last step to the first": "마지막 단계에서 첫 단계까지 줄어드는 최대 자릿수 (한 자릿수에 10배)",
		"Fewer trainable parameters than":                                           "학습 가능한 매개변수 수가 이 값 미만",
		"One of these cells":                                                        "이 셀 중 하나",
		"A hidden state to read in the cell view":                                   "셀 내부 보기에서 읽을 은닉 상태",
		"Time step t (from 0)":                                                      "시간 단계 t (0부터)",
		"Unit (from 0)":                                                             "유닛 (0부터)",
		"Layer (optional, from 1)":                                                  "층 (선택, 1부터)",
		"A run of at most this many steps":                                          "최대 단계 수",

		// The link and its QR code
		"The link":            "링크",
		"Exercise link":       "연습 문제 링크",
		"Open as a student ↗": "학생으로 열기 ↗",
		"Show large":          "크게 보기",
		"Show small":          "작게 보기",
		"QR code of the exercise link shown in the field above": "위 칸에 있는 연습 문제 링크의 QR 코드",
		"No QR code: this link is %d characters long, and a QR code holds at most %d. Shorten the exercise or the text to learn, or share the link itself.": "QR 코드를 만들 수 없습니다: 이 링크는 %d자인데 QR 코드에는 최대 %d자까지 들어갑니다. 연습 문제나 학습할 텍스트를 줄이거나, 링크 자체를 나누어 주세요.",
	})
}
