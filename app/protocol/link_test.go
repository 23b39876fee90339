package protocol

import (
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

func TestLinkRoundTrip(t *testing.T) {
	long := wordSoup(rnn.MaxTextBytes - 16)
	for _, c := range []struct {
		name, query    string
		fragment, fits bool
	}{
		{"empty", "", false, true},
		{"the notebook", DefaultSettings().Query(), false, true},
		{"92 KB", url.Values{"text": {long[:92<<10]}}.Encode(), true, true},
		{"1 MB", url.Values{"text": {long[:1<<20]}}.Encode(), true, true},
		// Words as varied as these compress to 2.2 MB: no browser opens
		// such a link, and the page says so rather than hand it out.
		{"the largest text", url.Values{"text": {long}, "cell": {"lstm"}}.Encode(), true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			search, fragment := EncodeLink(c.query)
			if (fragment != "") != c.fragment || (search != "") == c.fragment {
				t.Fatalf("search %d bytes, fragment %d bytes; want the fragment: %v", len(search), len(fragment), c.fragment)
			}
			if n := len(search) + len(fragment); (n <= MaxLinkBytes) != c.fits {
				t.Errorf("the link is %d bytes; want it to fit in %d: %v", n, MaxLinkBytes, c.fits)
			}
			got, err := DecodeLink(search, fragment)
			if err != nil || got != c.query {
				t.Errorf("decoded %d bytes (%v), want the %d of the query", len(got), err, len(c.query))
			}
			t.Logf("%d bytes of query → a link of %d", len(c.query), len(search)+len(fragment))
		})
	}
}

// wordSoup is n bytes of words drawn at random from a vocabulary of 3,000
// made-up words: a text that compresses about as badly as a real one.
func wordSoup(n int) string {
	rng := rand.New(rand.NewPCG(70, 4))
	vocab := make([]string, 3000)
	for i := range vocab {
		w := make([]byte, 2+rng.IntN(8))
		for j := range w {
			w[j] = byte('a' + rng.IntN(26))
		}
		vocab[i] = string(w)
	}
	var b strings.Builder
	for b.Len() < n-12 {
		b.WriteString(vocab[rng.IntN(len(vocab))])
		b.WriteByte(' ')
	}
	return b.String()
}

func TestDecodeLinkRefusesDamage(t *testing.T) {
	_, good := EncodeLink(strings.Repeat("text=a+b&", 1000))
	for _, f := range []string{"#z=***", "#z=" + good[3:len(good)/2], "z=AAAA"} {
		if q, err := DecodeLink("?cell=gru", f); err == nil {
			t.Errorf("fragment %.20q read as %.40q", f, q)
		}
	}
	if q, err := DecodeLink("?cell=gru", "#section"); err != nil || q != "cell=gru" {
		t.Errorf("another fragment: %q, %v", q, err)
	}
}

func FuzzDecodeLink(f *testing.F) {
	_, good := EncodeLink(strings.Repeat("text=a+b&", 1000))
	f.Add("cell=gru", good)
	f.Add("", "#z=")
	f.Fuzz(func(t *testing.T, search, fragment string) {
		q, err := DecodeLink(search, fragment)
		if err == nil && len(q) > maxInflated {
			t.Fatalf("%d bytes accepted", len(q))
		}
	})
}

// A goal typed by hand with plain semicolons reads as the page writes it.
func TestDecodeLinkReadsSemicolonsAsText(t *testing.T) {
	q, err := DecodeLink("?title=Raw&goal=loss;below=0.5&goal=steps;max=100", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, probs := DecodeQuery(q); len(probs) != 0 {
		t.Errorf("DecodeQuery(%q): %v", q, probs)
	}
	e, probs := DecodeExercise(q)
	if len(probs) != 0 || len(e.Goals) != 2 || e.Goals[0].String() != "loss;below=0.5" || e.Goals[1].String() != "steps;max=100" {
		t.Errorf("DecodeExercise(%q) = %+v, %v", q, e, probs)
	}
}
