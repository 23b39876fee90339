package app

import (
	"math/rand/v2"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func TestRunStateEdit(t *testing.T) {
	type edit struct{ key, raw string }
	tests := []struct {
		name    string
		edits   []edit
		refused []string          // the keys marked, in any order
		fields  map[string]string // fields the form shows after the edits
		check   func(t *testing.T, s protocol.Settings)
	}{
		{name: "window first, then batch",
			edits:   []edit{{"window", "64"}},
			refused: []string{"batch"},
			fields:  map[string]string{"window": "64", "batch": "0"}},
		{name: "window then batch is accepted",
			edits:  []edit{{"window", "64"}, {"batch", "16"}},
			fields: map[string]string{"window": "64", "batch": "16"},
			check: func(t *testing.T, s protocol.Settings) {
				if s.Config.Window != 64 || s.Config.Batch != 16 {
					t.Errorf("window %d batch %d", s.Config.Window, s.Config.Batch)
				}
			}},
		{name: "batch then window is accepted",
			edits:  []edit{{"batch", "16"}, {"window", "64"}},
			fields: map[string]string{"window": "64", "batch": "16"}},
		{name: "a refused value stays in its field",
			edits:   []edit{{"hidden", "1e9"}},
			refused: []string{"hidden"},
			fields:  map[string]string{"hidden": "1e9"}},
		{name: "fixing it unblocks",
			edits:  []edit{{"hidden", "1e9"}, {"hidden", "32"}},
			fields: map[string]string{"hidden": "32"},
			check: func(t *testing.T, s protocol.Settings) {
				if s.Config.Hidden != 32 {
					t.Errorf("hidden %d", s.Config.Hidden)
				}
			}},
		{name: "two refusals at once",
			edits:   []edit{{"hidden", "0"}, {"lr", "fast"}},
			refused: []string{"hidden", "lr"},
			fields:  map[string]string{"hidden": "0", "lr": "fast"}},
		{name: "a zero learning rate",
			edits:   []edit{{"lr", "0"}},
			refused: []string{"lr"},
			fields:  map[string]string{"lr": "0"}},
		{name: "accepted values read as the link writes them",
			edits:  []edit{{"cell", " LSTM "}, {"lr", "1e-2"}, {"workers", "AUTO"}},
			fields: map[string]string{"cell": "lstm", "lr": "0.01", "workers": "auto"}},
		{name: "an empty text",
			edits:   []edit{{"text", " \n"}},
			refused: []string{"text"},
			fields:  map[string]string{"text": " \n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRunState(protocol.DefaultSettings())
			for _, e := range tt.edits {
				r = r.edit(e.key, e.raw)
			}
			var refused []string
			for k := range r.Errors {
				refused = append(refused, k)
			}
			if len(refused) != len(tt.refused) || r.blocked() != (len(tt.refused) > 0) {
				t.Errorf("refused %q (blocked %v), want %q", refused, r.blocked(), tt.refused)
			}
			for _, k := range tt.refused {
				if r.Errors[k] == "" {
					t.Errorf("%s is not marked: %q", k, r.Errors)
				}
			}
			for k, want := range tt.fields {
				if got := r.Fields[k]; got != want {
					t.Errorf("field %s shows %q, want %q", k, got, want)
				}
			}
			if _, ok := r.resetCommand(1); ok == r.blocked() {
				t.Errorf("a reset is sent: %v, blocked: %v", ok, r.blocked())
			}
			if tt.check != nil {
				tt.check(t, r.Settings)
			}
		})
	}
}

// A restored or imported model stays while the run's settings do, and goes
// with any change to them: the banner and the model never disagree.
func TestRunStateDropsTheModelWithTheSettings(t *testing.T) {
	r := newRunState(protocol.DefaultSettings())
	r.Origin = origin{Kind: fromFile, Name: "m.safetensors", UnknownCount: 2}
	if got := r.edit("hidden", "20"); got.Origin.Kind != fromFile {
		t.Error("an edit that changes nothing dropped the model")
	}
	if got := r.edit("autoplay", "1"); got.Origin.Kind != fromFile {
		t.Error("autoplay, which does not make the model, dropped it")
	}
	for _, e := range [][2]string{{"text", "another text here"}, {"hidden", "32"}, {"hidden", "1e9"}, {"seed", "1"}} {
		if got := r.edit(e[0], e[1]); got.Origin.restored() {
			t.Errorf("%s=%s kept the model: %+v", e[0], e[1], got.Origin)
		}
	}
}

// editValues are what a student may type into each field: valid values,
// refused ones, and values valid alone but not together.
var editValues = map[string][]string{
	"text":     {"We are going to watch Avengers End Game", "a b c a b d", "", " ", "안녕 하세요 반가워요"},
	"tok":      {"word", "char", "bytes"},
	"cell":     {"rnn", "lstm", " GRU ", "rnn_relu", "transformer"},
	"layers":   {"1", "2", "0", "9", "1.5"},
	"embed":    {"5", "8", "-1", "1e9"},
	"hidden":   {"20", "16", "0", "1e9", "twenty", ""},
	"opt":      {"adam", "sgd", "rmsprop"},
	"lr":       {"0.001", "1e-2", "0", "NaN", "fast", "100"},
	"clip":     {"0", "1", "-1", "Inf"},
	"seed":     {"70", "1", "-1", "9007199254740992"},
	"steps":    {"151", "3", "0", "1000000000000"},
	"window":   {"0", "4", "64", "-4"},
	"batch":    {"0", "2", "16", "99999"},
	"workers":  {"auto", "1", "2", "9"},
	"autoplay": {"0", "1", "maybe"},
	"pace":     {"normal", "slow", "full", "warp"},
	"schedule": {"", "31:lr=0.01", "5:clip=1,9:lr=0.002", "3:lr=0"},
}

// Random sequences of field edits: after every edit the form, the link and
// what the worker receives agree, and the state does not depend on the
// order of the edits.
func TestRunStateRandomEdits(t *testing.T) {
	keys := protocol.SettingKeys()
	rng := rand.New(rand.NewPCG(70, 151))
	for seq := 0; seq < 300; seq++ {
		r := newRunState(protocol.DefaultSettings())
		typed := map[string]string{}
		for n := rng.IntN(12); n >= 0; n-- {
			k := keys[rng.IntN(len(keys))]
			raw := editValues[k][rng.IntN(len(editValues[k]))]
			r = r.edit(k, raw)
			typed[k] = raw
			agree(t, r)
		}
		// Order: the same last value of each field, entered at once.
		fresh := newRunState(protocol.DefaultSettings()).Fields
		for k, v := range typed {
			fresh[k] = v
		}
		if want := evaluate(fresh); !reflect.DeepEqual(want.Fields, r.Fields) || !reflect.DeepEqual(want.Errors, r.Errors) {
			t.Fatalf("after edits %q: fields %q errors %q; entered at once: %q %q", typed, r.Fields, r.Errors, want.Fields, want.Errors)
		}
	}
}

// agree checks that the form, the link and the worker's command say the
// same run.
func agree(t *testing.T, r runState) {
	t.Helper()
	link, err := url.ParseQuery(r.query())
	if err != nil {
		t.Fatalf("the link %q does not parse: %v", r.query(), err)
	}
	for _, k := range protocol.SettingKeys() {
		if got := link.Get(k); got != r.Fields[k] {
			t.Fatalf("the link has %s=%q, the form %q", k, got, r.Fields[k])
		}
		if _, refused := r.Errors[k]; !refused && r.Fields[k] != r.Settings.Get(k) {
			t.Fatalf("the form shows %s=%q, the run uses %q", k, r.Fields[k], r.Settings.Get(k))
		}
	}
	cmd, ok := r.resetCommand(7)
	if ok == r.blocked() {
		t.Fatalf("blocked %v (%q) but a reset is sent: %v", r.blocked(), r.Errors, ok)
	}
	if !ok {
		return
	}
	if cmd.Query != r.query() {
		t.Fatalf("the worker gets %q, the link is %q", cmd.Query, r.query())
	}
	got, msgs := protocol.DecodeQuery(cmd.Query)
	if len(msgs) > 0 || !reflect.DeepEqual(got, r.Settings) {
		t.Fatalf("the worker reads %+v (%q), the page has %+v", got, msgs, r.Settings)
	}
}

// A learning rate changed while the run trains goes into the schedule from
// its step; the form's field keeps the rate the run began with, the
// weights stay, and a refused value changes nothing.
func TestChangeAtAStep(t *testing.T) {
	r := newRunState(protocol.DefaultSettings())
	r.Origin = origin{Kind: fromKept, Step: 30}
	next, err := r.changeAt("lr", " 0.01 ", 31)
	if err != nil {
		t.Fatal(err)
	}
	if c := next.Settings.Config; c.LR != 0.001 || c.Schedule.String() != "31:lr=0.01" || next.Fields["lr"] != "0.001" {
		t.Errorf("lr %v, schedule %q, field %q", c.LR, c.Schedule, next.Fields["lr"])
	}
	if next.Origin.Kind != fromKept || next.blocked() {
		t.Errorf("origin %v, blocked %v: the run should go on", next.Origin.Kind, next.blocked())
	}
	if q := next.query(); !strings.Contains(q, "schedule=31%3Alr%3D0.01") {
		t.Errorf("the link %q lacks the change", q)
	}
	again, _ := next.changeAt("clip", "1", 61)
	if got := again.Settings.Config.Schedule.String(); got != "31:lr=0.01,61:clip=1" {
		t.Errorf("schedule %q", got)
	}
	if same, err := next.changeAt("lr", "-1", 40); err == nil || same.Settings.Config.Schedule.String() != "31:lr=0.01" {
		t.Errorf("a refused change: err %v, schedule %q", err, same.Settings.Config.Schedule)
	}
}
