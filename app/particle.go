package app

import (
	"fmt"
	"strings"
	"unicode"
)

// Korean particles change with the sound before them: 은닉 크기는 but
// 학습률은, 기울기가 but 손실이, 값을 but 시드를, 1로 but 3으로. A Korean
// text marks each choice as {with/without}, the form after a final
// consonant first: "%s{은/는} …". particles picks each by the word before
// it, once the values are in, so no message needs the hedge 은(는).
func particles(s string) string {
	if !strings.Contains(s, "{") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		with, without, _ := strings.Cut(s[i+1:i+j], "/")
		b.WriteString(s[:i])
		if isParticle(with, without) {
			b.WriteString(particle(b.String(), with, without))
			s = s[i+j+1:]
		} else { // a brace of the text itself
			b.WriteByte('{')
			s = s[i+1:]
		}
	}
	b.WriteString(s)
	return b.String()
}

// particlePairs are the choices particles resolves.
var particlePairs = map[string]string{
	"은": "는", "이": "가", "을": "를", "과": "와", "으로": "로", "이었": "였",
}

func isParticle(with, without string) bool {
	w, ok := particlePairs[with]
	return ok && w == without
}

// particle is with after a word ending in a final consonant, else without;
// 으로 is 로 after ㄹ too (서울로). When the sound cannot be told (a
// symbol), both are written, as a Korean writer does: 을(를).
func particle(word, with, without string) string {
	final, rieul, known := finalSound(word)
	switch {
	case !known && with == "으로":
		return "(으)로"
	case !known:
		return with + "(" + without + ")"
	case final && !(with == "으로" && rieul):
		return with
	}
	return without
}

// finalSound tells whether word, read aloud in Korean, ends in a final
// consonant (and whether that is ㄹ). Closing quotes and brackets are not
// read; digits are read as Sino-Korean numbers (1 일, 3 삼, 10 십), Latin
// letters as a Korean reader says them (RNN 알엔엔, LSTM 엘에스티엠, Adam 아담).
func finalSound(word string) (final, rieul, known bool) {
	rs := []rune(strings.TrimRightFunc(word, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’)]}>.,:;!?`, r)
	}))
	if len(rs) == 0 {
		return false, false, false
	}
	r := rs[len(rs)-1]
	switch {
	case r >= 0xAC00 && r <= 0xD7A3: // a Hangul syllable: 28 finals a vowel
		f := (r - 0xAC00) % 28
		return f != 0, f == 8, true
	case r >= '0' && r <= '9':
		// 영 일 이 삼 사 오 육 칠 팔 구; a round number ends in 십, 백, 천 or 만.
		f := map[rune]int{'0': 1, '1': 2, '3': 1, '6': 1, '7': 2, '8': 2}[r]
		return f > 0, f == 2, true
	case r < unicode.MaxASCII && unicode.IsLetter(r):
		if allUpper(rs) { // letter names: 엘 엠 엔 알 end in a consonant
			return strings.ContainsRune("LMNR", r), r == 'L' || r == 'R', true
		}
		lr := unicode.ToLower(r)
		return strings.ContainsRune("lmn", lr), lr == 'l', true
	}
	return false, false, false
}

// allUpper reports whether the Latin word at the end of rs is in capitals
// (an acronym, read letter by letter).
func allUpper(rs []rune) bool {
	for i := len(rs) - 1; i >= 0 && rs[i] < unicode.MaxASCII && unicode.IsLetter(rs[i]); i-- {
		if !unicode.IsUpper(rs[i]) {
			return false
		}
	}
	return true
}

// Tf is fmt.Sprintf of T(format): the message in the page's language with
// its values in and, in Korean, its particles chosen.
func Tf(format string, args ...any) string {
	return particles(fmt.Sprintf(T(format), args...))
}
