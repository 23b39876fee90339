package protocol

import "testing"

func TestSentence(t *testing.T) {
	tests := []struct{ in, want string }{
		{"the text is empty", "The text is empty."},
		{"training diverged!", "Training diverged!"},
		{"한국어 text", "한국어 text."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Sentence(tt.in); got != tt.want {
			t.Errorf("Sentence(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
