package protocol

import (
	"strings"
	"testing"
)

// A refused value's message gives its range as a student reads numbers:
// 1000000, never 1e+06.
func TestRangesInPlainNumbers(t *testing.T) {
	for _, c := range []struct{ query, want string }{
		{"steps=1000000000000", "the steps must be a whole number from 1 to 1000000"},
		{"clip=-1", "the gradient clipping must be a number from 0 to 1000000"},
		{"lr=0", "greater than 0 and at most 100"},
		{"seed=1e30", "from 0 to 9007199254740991"},
		{"hidden=1e9", "the hidden size must be a whole number from 1 to 2048"},
	} {
		_, msgs := DecodeQuery(c.query)
		if len(msgs) != 1 || !strings.Contains(msgs[0].Error(), c.want) || strings.Contains(msgs[0].Error(), "e+") {
			t.Errorf("%s: messages %q, want one with %q", c.query, msgs, c.want)
		}
	}
}
