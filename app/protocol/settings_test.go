package protocol

import (
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/rnn"
)

func TestDecodeQuery(t *testing.T) {
	lstm := DefaultSettings()
	lstm.Config.Cell, lstm.Config.Hidden, lstm.Autoplay = rnn.LSTM, 32, true
	chars := DefaultSettings()
	chars.Text, chars.Config.Tokenizer = "안녕 하세요", rnn.CharTokens
	corpus := DefaultSettings()
	corpus.Config.Window, corpus.Config.Batch, corpus.Config.LR = 64, 16, 0.01
	two := DefaultSettings()
	two.Workers = 2

	tests := []struct {
		name  string
		query string
		want  Settings
		msgs  []string // substrings, one per expected message, in order
	}{
		{"empty is the notebook", "", DefaultSettings(), nil},
		{"options", "cell=lstm&hidden=32&autoplay=1", lstm, nil},
		{"case and spaces", "cell=+LSTM+&hidden=32&autoplay=true", lstm, nil},
		{"unicode text", "text=%EC%95%88%EB%85%95+%ED%95%98%EC%84%B8%EC%9A%94&tok=char", chars, nil},
		{"corpus mode", "window=64&batch=16&lr=1e-2", corpus, nil},
		{"out of range", "hidden=5000", DefaultSettings(), []string{"hidden size must be a whole number from 1 to 2048"}},
		{"not a number", "lr=fast", DefaultSettings(), []string{"learning rate must be a number from 0 to 100"}},
		{"NaN", "lr=NaN", DefaultSettings(), []string{"learning rate"}},
		{"zero rate", "lr=0", DefaultSettings(), []string{"greater than 0"}},
		{"huge", "layers=1000000&steps=1000000000000", DefaultSettings(), []string{"layers", "steps"}},
		{"negative seed", "seed=-1", DefaultSettings(), []string{"seed must be a whole number"}},
		{"empty text", "text=", DefaultSettings(), []string{"text is empty"}},
		{"blank text", "text=+%0A+", DefaultSettings(), []string{"text is empty"}},
		{"unknown cell", "cell=transformer", DefaultSettings(), []string{"unknown cell"}},
		{"repeated", "cell=lstm&cell=gru&hidden=32&autoplay=1", lstm, []string{"cell 2 times"}},
		{"unknown keys", "zeta=1&alpha=2", DefaultSettings(), []string{`"alpha", "zeta"`}},
		{"bad escape", "hidden=%zz&cell=lstm", withCell(rnn.LSTM), []string{"could not be read"}},
		{"window without batch", "window=8", DefaultSettings(), []string{"do not fit together"}},
		{"two workers", "workers=2", two, nil},
		{"auto workers", "workers=+AUTO+", DefaultSettings(), nil},
		{"no workers", "workers=0", DefaultSettings(), []string{"workers are auto or a whole number from 1 to 8"}},
		{"too many workers", "workers=9", DefaultSettings(), []string{"from 1 to 8"}},
		{"fractional workers", "workers=1.5", DefaultSettings(), []string{"workers"}},
		{"script is text", "text=%3Cscript%3Ealert(1)%3C%2Fscript%3E+x", withText("<script>alert(1)</script> x"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, msgs := DecodeQuery(tt.query)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("settings\n got %+v\nwant %+v", got, tt.want)
			}
			if len(msgs) != len(tt.msgs) {
				t.Fatalf("messages %q, want %d", msgs, len(tt.msgs))
			}
			for i, sub := range tt.msgs {
				if !strings.Contains(msgs[i].Error(), sub) {
					t.Errorf("message %d = %q, want it to contain %q", i, msgs[i], sub)
				}
			}
		})
	}
}

func withCell(c rnn.CellKind) Settings { s := DefaultSettings(); s.Config.Cell = c; return s }
func withText(x string) Settings       { s := DefaultSettings(); s.Text = x; return s }

func TestQueryRoundTrip(t *testing.T) {
	s := DefaultSettings()
	s.Text = "line one & two\nline = three %"
	s.Config.Cell, s.Config.Optimizer, s.Config.LR, s.Config.Clip = rnn.GRU, rnn.SGD, 0.1, 2.5
	s.Config.Seed, s.Config.Window, s.Config.Batch = rnn.MaxSeed, 16, 4
	s.Workers = 3
	got, msgs := DecodeQuery(s.Query())
	if !reflect.DeepEqual(got, s) || len(msgs) > 0 {
		t.Errorf("round trip\n got %+v %q\nwant %+v", got, msgs, s)
	}
}

func TestQueryOfDefaults(t *testing.T) {
	const want = "text=We+are+going+to+watch+Avengers+End+Game&tok=word&cell=rnn&layers=1&embed=5&hidden=20" +
		"&opt=adam&lr=0.001&clip=0&seed=70&steps=151&window=0&batch=0&schedule=&workers=auto&autoplay=0&pace=normal"
	if got := DefaultSettings().Query(); got != want {
		t.Errorf("Query() = %s\nwant      %s", got, want)
	}
}

func TestSetKeepsValueOnError(t *testing.T) {
	s := DefaultSettings()
	for _, kv := range [][2]string{{"hidden", "0"}, {"hidden", "2049"}, {"embed", "2.5"}, {"lr", "-1"},
		{"lr", "Inf"}, {"clip", "1e7"}, {"workers", "0"}, {"workers", "many"}, {"tok", "bytes"}, {"opt", "rmsprop"}, {"autoplay", "maybe"}, {"nope", "1"}} {
		if err := s.Set(kv[0], kv[1]); err == nil {
			t.Errorf("Set(%q, %q) accepted", kv[0], kv[1])
		}
	}
	if !reflect.DeepEqual(s, DefaultSettings()) {
		t.Errorf("refused values changed the settings: %+v", s)
	}
}

// FuzzDecodeQuery checks that any link opens a playground: the decoded
// settings are valid and survive their own encoding unchanged.
func FuzzDecodeQuery(f *testing.F) {
	for _, seed := range []string{
		"", DefaultSettings().Query(), "cell=lstm&hidden=128&embed=32&window=64&batch=16&tok=char",
		"text=%", "hidden=1e9&layers=1000000", "a=1&a=2;b", "text=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E",
		"lr=NaN&clip=-Inf&seed=18446744073709551615", "window=8", "text=%ff%fe&tok=char",
		"workers=4&batch=16&window=8", "workers=-1", "workers=auto&workers=99",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, query string) {
		s, _ := DecodeQuery(query)
		if err := s.Config.Validate(); err != nil {
			t.Fatalf("DecodeQuery(%q) gave invalid settings: %v", query, err)
		}
		if strings.TrimSpace(s.Text) == "" {
			t.Fatalf("DecodeQuery(%q) gave an empty text", query)
		}
		if s.Workers != AutoWorkers && (s.Workers < 1 || s.Workers > MaxWorkers) {
			t.Fatalf("DecodeQuery(%q) gave %d workers", query, s.Workers)
		}
		again, msgs := DecodeQuery(s.Query())
		if !reflect.DeepEqual(again, s) || len(msgs) > 0 {
			t.Fatalf("re-decoding %q changed the settings: %+v → %+v, %q", query, s, again, msgs)
		}
	})
}
