package app

import (
	"regexp"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Messages made at run time (the settings' and the core's errors, the
// link's notices) are English sentences with values inside. Tmsg
// translates the known ones by pattern; an unknown message stays English.
func Tmsg(msg string) string {
	if uiLang != Korean || msg == "" {
		return msg
	}
	if ko, ok := korean[msg]; ok {
		return particles(ko)
	}
	for _, p := range messagePatterns {
		if m := p.re.FindStringSubmatch(msg); m != nil {
			out := p.ko
			for i := len(m) - 1; i >= 1; i-- {
				out = strings.ReplaceAll(out, "$"+string(rune('0'+i)), translatePart(m[i]))
			}
			return particles(out)
		}
	}
	return msg
}

// translatePart translates a value inside a message: an option's name, a
// nested message, or (numbers, quoted values) itself.
func translatePart(s string) string {
	if ko, ok := optionNames[strings.ToLower(s)]; ok {
		return ko
	}
	if t := Tmsg(protocol.Sentence(s)); t != protocol.Sentence(s) {
		return strings.TrimSuffix(t, ".")
	}
	return s
}

// optionNames are rnn.Limits' names of the options.
var optionNames = map[string]string{
	"layers": "층 수", "embedding size": "임베딩 크기", "hidden size": "은닉 크기", "learning rate": "학습률",
	"momentum": "모멘텀", "weight decay": "가중치 감쇠", "gradient clipping": "기울기 클리핑", "steps": "단계 수",
	"window length": "윈도 길이", "batch size": "배치 크기", "seed": "시드",
	"loss": "손실", "gradient": "기울기", "weights": "가중치", "nan or infinite": "NaN 또는 무한대", "infinite": "무한대",
}

var messagePatterns = []struct {
	re *regexp.Regexp
	ko string
}{
	{regexp.MustCompile(`^(?:T|t)he (.+) must be a whole number from (\S+) to (\S+?)\.?$`), "$1{은/는} $2부터 $3까지의 정수여야 합니다."},
	{regexp.MustCompile(`^(?:T|t)he (.+) must be a number from (\S+) to (\S+?)\.?$`), "$1{은/는} $2부터 $3까지의 수여야 합니다."},
	{regexp.MustCompile(`^(?:T|t)he learning rate must be greater than 0 and at most (\S+?)\.?$`), "학습률은 0보다 크고 $1 이하여야 합니다."},
	{regexp.MustCompile(`^(?:T|t)he seed must be a whole number from 0 to (\d+)\.?$`), "시드는 0부터 $1까지의 정수여야 합니다."},
	{regexp.MustCompile(`^(?:T|t)raining diverged at step (\d+): the (\w+) became (.+?)\. The weights of the last good step are kept\. Try a lower learning rate or gradient clipping \(e\.g\. 1\)\.$`),
		"$1단계에서 학습이 발산했습니다: $2{이/가} $3{이/가} 되었습니다. 마지막으로 정상이던 가중치를 유지합니다. 학습률을 낮추거나 기울기 클리핑(예: 1)을 써 보세요."},
	{regexp.MustCompile(`^(?:T|t)he text has (\d+) tokens; a window of (\d+) needs at least (\d+)\.?$`), "텍스트의 토큰은 $1개입니다. 윈도 $2에는 적어도 $3개가 필요합니다."},
	{regexp.MustCompile(`^(?:T|t)his configuration needs about (\d+) MB, more than the (\d+) MB the playground allows: (.+?)\.?$`),
		"이 설정에는 약 $1 MB가 필요해 플레이그라운드가 허용하는 $2 MB를 넘습니다: $3."},
	{regexp.MustCompile(`^(\w+)=(".*") was not used: (.+)\. Using (".*")\.$`), "$1=$2{은/는} 쓰지 않았습니다: $3. $4{을/를} 씁니다."},
	{regexp.MustCompile(`^The link gives (\w+) (\d+) times; the first is used\.$`), "링크에 $1{이/가} $2번 있습니다. 첫 번째 값을 씁니다."},
	{regexp.MustCompile(`^The link has options this playground does not know, ignored: (.+)\.$`), "링크에 이 플레이그라운드가 모르는 옵션이 있어 무시했습니다: $1."},
	{regexp.MustCompile(`^The link's options do not fit together \((.+)\); the defaults are used for them\.$`), "링크의 옵션들이 서로 맞지 않습니다 ($1). 그 옵션들은 기본값을 씁니다."},
	{regexp.MustCompile(`^(?:T|t)he longest line has (\d+) tokens: split the text into shorter lines, or train on windows \(corpus mode\)\.?$`),
		"가장 긴 줄의 토큰이 $1개입니다: 텍스트를 더 짧은 줄로 나누거나 윈도로 학습하세요 (코퍼스 모드)."},
	{regexp.MustCompile(`^(?:U|u)nknown option (".*")\.?$`), "알 수 없는 옵션 $1."},
	{regexp.MustCompile(`^A helper worker failed \((.+)\), so training goes on with one worker\.$`),
		"도우미 워커가 실패해 ($1) 워커 하나로 학습을 계속합니다."},
	{regexp.MustCompile(`^(?:T|t)he workers are auto or a whole number from 1 to (\d+)\.?$`), "워커 수는 자동 또는 1부터 $1까지의 정수여야 합니다."},
}
