package app

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func TestMarkRuns(t *testing.T) {
	tests := []struct {
		name   string
		tokens []string
		wrong  []bool
		sep    string
		want   []markRun
	}{
		{"words", []string{"We", "are", "Avengers", "going", "are", "End"}, []bool{false, false, true, true, false, false}, " ",
			[]markRun{{"We are ", false}, {"Avengers", true}, {" ", false}, {"going", true}, {" are End", false}}},
		{"all wrong", []string{"We", "a", "b"}, []bool{false, true, true}, " ",
			[]markRun{{"We ", false}, {"a", true}, {" ", false}, {"b", true}}},
		{"chars", []string{"h", "e", "l", "l", "o"}, []bool{false, true, true, false, false}, "",
			[]markRun{{"h", false}, {"el", true}, {"lo", false}}},
		{"space token", []string{"a", " ", "b"}, []bool{false, true, false}, "",
			[]markRun{{"a", false}, {" ", true}, {"b", false}}},
		{"empty", nil, nil, " ", nil},
	}
	for _, tt := range tests {
		got := markRuns(protocol.LogRow{Tokens: tt.tokens, Wrong: tt.wrong}, tt.sep)
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
		var text strings.Builder
		for _, r := range got {
			text.WriteString(r.text)
		}
		if want := strings.Join(tt.tokens, tt.sep); text.String() != want {
			t.Errorf("%s: runs spell %q, want %q", tt.name, text.String(), want)
		}
	}
}
