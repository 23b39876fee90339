package trainer

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// measured measures goal g on tr with rnn's own API, as the worker must:
// the token's probability and rank from Predict over the whole
// vocabulary (<unk> is no goal's token), the most decades of Trace(0)'s
// GradHLast over the steps the gradient view shows.
func measured(t *testing.T, tr *rnn.Trainer, g protocol.Goal) protocol.Probe {
	t.Helper()
	var p protocol.Probe
	switch g.Kind {
	case protocol.GoalNext:
		top, err := tr.Predict(g.After, tr.Vocab.Size())
		if err != nil {
			return p
		}
		for _, c := range top {
			if c.Token == g.Token && c.ID != rnn.Unk {
				p.P, p.Rank = c.P, 1
			}
		}
		for _, c := range top {
			if p.Rank > 0 && c.P > p.P {
				p.Rank++
			}
		}
	case protocol.GoalState:
		layers := tr.Trace(0).Layers
		if l := max(g.Layer, 1) - 1; l < len(layers) && g.T < len(layers[l].H) && g.Unit < len(layers[l].H[g.T]) {
			p.Value = layers[l].H[g.T][g.Unit]
		} else {
			p.NoState = true
		}
	case protocol.GoalGradient:
		p.Decades = math.Inf(-1)
		for _, l := range tr.Trace(0).Layers {
			g := l.GradHLast[max(0, len(l.GradHLast)-maxTraceSteps):]
			p.Decades = max(p.Decades, protocol.Falloff(g))
		}
	}
	return p
}

// checkProbes checks every probe event of a run of query against a second
// trainer built from the same settings and stepped along: the worker's
// numbers are rnn's.
func checkProbes(t *testing.T, query string, goals []string, events []protocol.Event) {
	t.Helper()
	settings, _ := protocol.DecodeQuery(query)
	ref, err := rnn.NewTrainer(settings.Text, settings.Config)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range events {
		if e.Kind != protocol.ProbeKind {
			continue
		}
		for ref.StepsDone() < e.Step {
			if _, err := ref.Step(); err != nil {
				t.Fatal(err)
			}
		}
		for _, p := range e.Probes {
			g, _ := protocol.ParseGoal(goals[p.Goal])
			want := measured(t, ref, g)
			want.Goal, want.Step = p.Goal, e.Step
			if p != want {
				t.Errorf("step %d: probe %+v, want %+v", e.Step, p, want)
			}
		}
	}
}

func TestProbesFollowReadyAndEveryProgress(t *testing.T) {
	tests := []struct {
		name, query string
		goals       []string
		probed      []int // the goals' indices that get a probe
		everyStep   bool  // a watchable pace: each step flushes, so each is probed
		row         int   // the sequence a view watches: the gradient goals still measure the first
	}{
		{"the notebook at a pace", "steps=40", []string{"next;after=We are;token=going", "gradient;decades=8", "state;t=2;unit=1", "state;t=7;unit=0", "state;t=2;unit=0;layer=2"}, []int{0, 1, 2, 3, 4}, true, 0},
		{"states of a second layer", "cell=gru&layers=2&hidden=4&steps=10&pace=full", []string{"state;t=6;unit=3;layer=2", "state;t=0;unit=4;layer=2"}, []int{0, 1}, false, 0},
		{"characters, goals the page checks between", "tok=char&window=8&batch=2&steps=30&pace=full",
			[]string{"loss;below=1", "next;after=We a;token=r", "next;token=x", "gradient;decades=3", "next;after=W;token=going", "nope"},
			[]int{1, 3, 4}, false, 0},
		{"two LSTM layers at full speed", "cell=lstm&layers=2&steps=30&pace=full",
			[]string{"gradient;decades=1", "next;after=We;token=<unk>", "next;after=We going zebra;token=to;p=0.5", "next;after= ;token=We"},
			[]int{0, 1, 2, 3}, false, 0},
		{"longer than the view's trace", "tok=char&cell=lstm&text=" + strings.Repeat("abcdefghij", 30) + "&window=150&batch=2&steps=5",
			[]string{"gradient;decades=8"}, []int{0}, true, 1},
		{"a view watching the second sequence", "tok=char&layers=2&window=8&batch=2&steps=30&pace=full",
			[]string{"gradient;decades=8", "next;after=We;token=are"}, []int{0, 1}, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			events := asReceived(t, runSession(t,
				protocol.Command{Cmd: protocol.Reset, Run: 4, Query: tt.query, Goals: tt.goals},
				protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchGradient, Row: tt.row}},
				protocol.Command{Cmd: protocol.Play},
			))
			if len(events) < 2 || events[0].Kind != protocol.Ready || events[1].Kind != protocol.ProbeKind || events[1].Step != 0 {
				t.Fatalf("the run begins with %+v, want ready then a probe of step 0", events[:min(2, len(events))])
			}
			var steps []int
			for i, e := range events {
				if e.Kind == protocol.Progress && (i+1 == len(events) || events[i+1].Kind != protocol.ProbeKind || events[i+1].Step != e.Step) {
					t.Errorf("progress at step %d is not followed by its probe", e.Step)
				}
				if e.Kind != protocol.ProbeKind {
					continue
				}
				steps = append(steps, e.Step)
				var goals []int
				for _, p := range e.Probes {
					goals = append(goals, p.Goal)
				}
				if e.Run != 4 || !slices.Equal(goals, tt.probed) {
					t.Errorf("probe of run %d at step %d measures goals %v, want %v of run 4", e.Run, e.Step, goals, tt.probed)
				}
			}
			settings, _ := protocol.DecodeQuery(tt.query)
			if last := steps[len(steps)-1]; last != settings.Config.Steps {
				t.Errorf("last probe at step %d, want the run's last, %d", last, settings.Config.Steps)
			}
			if tt.everyStep && len(steps) != settings.Config.Steps+1 {
				t.Errorf("probed steps %v, want every step 0..%d", steps, settings.Config.Steps)
			}
			checkProbes(t, tt.query, tt.goals, events)
		})
	}
}

// A solution link is checked by training to its step at full speed: the
// run pauses there and that step's probe must arrive, for Goal.Check.
func TestProbeAtTheStepOfASolution(t *testing.T) {
	goals := []string{"next;after=We are;token=going", "gradient;decades=8"}
	for _, k := range []int{1, 2, 37, 151} {
		query := "pace=full"
		events := asReceived(t, runSession(t,
			protocol.Command{Cmd: protocol.Reset, Run: 1, Query: query, Goals: goals},
			protocol.Command{Cmd: protocol.StepOnce, Count: k},
		))
		v := protocol.NewRunView(1)
		for _, e := range events {
			v.Apply(e)
		}
		want := protocol.Paused
		if k == 151 {
			want = protocol.Done
		}
		if v.State != want || v.Step != k {
			t.Fatalf("step ×%d: %s at step %d, want %s at %d", k, v.State, v.Step, want, k)
		}
		for i, text := range goals {
			g, _ := protocol.ParseGoal(text)
			st := g.Check(i, protocol.Settings{}, &v)
			if last := v.Probes[len(v.Probes)-1]; !st.Known || last.Step != k {
				t.Errorf("step ×%d: goal %q last probed at step %d (%+v), want %d", k, text, last.Step, st, k)
			}
		}
		checkProbes(t, query, goals, events)
	}
}

// Without a goal the worker measures (none, or only goals the page checks
// itself, or none it can read) a run sends no probe; with them the run's
// numbers are the same to the last bit.
func TestProbesChangeNoNumber(t *testing.T) {
	const query = "tok=char&window=8&batch=2&steps=60&pace=full"
	run := func(goals []string) (protocol.RunView, *protocol.TraceData) {
		events := runSession(t,
			protocol.Command{Cmd: protocol.Ask, Prefix: "We"},
			protocol.Command{Cmd: protocol.Reset, Run: 1, Query: query, Goals: goals},
			protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}},
			protocol.Command{Cmd: protocol.Play},
		)
		v := protocol.NewRunView(1)
		var traces []*protocol.TraceData
		for _, e := range events {
			v.Apply(e)
			if e.Kind == protocol.TraceKind {
				traces = append(traces, e.Look.Trace)
			}
		}
		last := traces[len(traces)-1]
		if last.Step != 60 {
			t.Fatalf("last trace at step %d", last.Step)
		}
		return v, last
	}
	base, baseTrace := run(nil)
	for _, goals := range [][]string{{"loss;below=1", "cell;is=lstm"}, {"next;after=W", "gradient"}} {
		if v, _ := run(goals); len(v.Probes) != 0 {
			t.Errorf("goals %q: %d probes, want none", goals, len(v.Probes))
		}
	}
	probed, trace := run([]string{"gradient;decades=2", "next;after=We ;token=a"})
	if len(probed.Probes) == 0 {
		t.Fatal("no probes")
	}
	if !reflect.DeepEqual(probed.Losses, base.Losses) || !reflect.DeepEqual(probed.Log, base.Log) ||
		!reflect.DeepEqual(probed.Live, base.Live) || !reflect.DeepEqual(probed.Answer, base.Answer) ||
		!reflect.DeepEqual(trace, baseTrace) {
		t.Errorf("probing changed the run:\nlosses %v\nwant   %v", probed.Losses, base.Losses)
	}
}

// The rules of a next goal's token: read by the run's tokenizer, one token
// the vocabulary knows, after a prefix of at least one token; a tie for
// first is first.
func TestNextTokenRank(t *testing.T) {
	words, err := rnn.NewTrainer(protocol.DefaultSettings().Text, protocol.DefaultSettings().Config)
	if err != nil {
		t.Fatal(err)
	}
	chars := protocol.DefaultSettings()
	chars.Config.Tokenizer = rnn.CharTokens
	letters, err := rnn.NewTrainer(chars.Text, chars.Config)
	if err != nil {
		t.Fatal(err)
	}
	going := measured(t, words, protocol.Goal{Kind: protocol.GoalNext, After: "We are", Token: "going"})
	unkPrefix := measured(t, words, protocol.Goal{Kind: protocol.GoalNext, After: "zebra are", Token: "going"})
	letterA := measured(t, letters, protocol.Goal{Kind: protocol.GoalNext, After: "We", Token: "a"})
	if going.Rank == 0 || unkPrefix.Rank == 0 || letterA.Rank == 0 {
		t.Fatal("the reference knows none of the tokens")
	}
	tests := []struct {
		name          string
		tr            *rnn.Trainer
		prefix, token string
		want          protocol.Probe
	}{
		{"a word", words, "We are", "going", going},
		{"spaces around a word", words, "We are", " going ", going},
		{"an unknown word in the prefix", words, "zebra are", "going", unkPrefix},
		{"a character", letters, "We", "a", letterA},
		{"an unknown word", words, "We are", "zebra", protocol.Probe{}},
		{"two words", words, "We are", "going to", protocol.Probe{}},
		{"<unk>", words, "We are", "<unk>", protocol.Probe{}},
		{"several characters", letters, "We", "ar", protocol.Probe{}},
		{"a prefix of spaces", words, "   ", "going", protocol.Probe{}},
	}
	for _, tt := range tests {
		p, rank := nextToken(&tt.tr.LM, tt.prefix, tt.token)
		if p != tt.want.P || rank != tt.want.Rank {
			t.Errorf("%s: P %v rank %d, want %v and %d", tt.name, p, rank, tt.want.P, tt.want.Rank)
		}
	}

	// A model whose weights are all 0 gives every token the same
	// probability: each is first.
	for _, p := range words.Params() {
		clear(p.W)
	}
	for _, tok := range []string{"We", "going", "Game"} {
		if p, rank := nextToken(&words.LM, "We are", tok); rank != 1 || math.Abs(p-1/float64(words.Vocab.Size())) > 1e-12 {
			t.Errorf("%s on a uniform model: P %v rank %d, want 1/V and 1", tok, p, rank)
		}
	}
}

// A model restored from a file is probed at its step, for the goals of the
// run it replaces when the import names none.
func TestImportedModelIsProbed(t *testing.T) {
	goals := []string{"next;after=We are;token=going", "gradient;decades=8"}
	a := newSession()
	a.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=gru&steps=40&pace=full", Goals: goals})
	a.handle(protocol.Command{Cmd: protocol.StepOnce, Count: 20})
	var before []protocol.Event
	for a.running() {
		a.train(0)
		before = append(before, a.flush()...)
	}
	exp := a.handle(protocol.Command{Cmd: protocol.Export})

	tests := []struct {
		name            string
		reset, imported []string
		want            []int // the goals probed
	}{
		{"the goals of the run replaced", goals, nil, []int{0, 1}},
		{"the import's own goals", goals[1:], goals[:1], []int{0}},
	}
	want := before[len(before)-1]
	if want.Kind != protocol.ProbeKind || want.Step != 20 {
		t.Fatalf("before export: %+v", want)
	}
	for _, tt := range tests {
		b := newSession()
		b.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "cell=rnn", Goals: tt.reset})
		events := b.handle(protocol.Command{Cmd: protocol.Import, Run: 2, Query: "cell=rnn&steps=40", Goals: tt.imported,
			Look: &protocol.LookCommand{Model: exp[0].Look.Model, Step: 20}})
		if len(events) < 2 || events[0].Kind != protocol.Ready || events[1].Kind != protocol.ProbeKind {
			t.Fatalf("%s: import gave %+v, want ready then a probe", tt.name, events)
		}
		got := events[1]
		if got.Run != 2 || got.Step != 20 || len(got.Probes) != len(tt.want) {
			t.Fatalf("%s: probe after import %+v, want goals %v at step 20", tt.name, got, tt.want)
		}
		for i, p := range got.Probes {
			// The file holds float32 weights: close, not equal.
			w := want.Probes[tt.want[i]]
			if p.Goal != w.Goal || p.Rank != w.Rank || math.Abs(p.P-w.P) > 1e-5 || math.Abs(p.Decades-w.Decades) > 1e-4 {
				t.Errorf("%s: probe after import %+v, before export %+v", tt.name, p, w)
			}
		}
	}
}

// A run that diverges keeps its last finite weights, and its last step is
// probed on them.
func TestDivergedRunIsProbed(t *testing.T) {
	const query = "cell=rnn_relu&opt=sgd&lr=100&steps=500"
	goals := []string{"next;after=We;token=are", "gradient;decades=8"}
	events := asReceived(t, runSession(t,
		protocol.Command{Cmd: protocol.Reset, Run: 1, Query: query, Goals: goals},
		protocol.Command{Cmd: protocol.Play},
	))
	v := protocol.NewRunView(1)
	for _, e := range events {
		v.Apply(e)
	}
	if v.State != protocol.Diverged {
		t.Fatalf("state %s, want diverged", v.State)
	}
	if last := events[len(events)-1]; last.Kind != protocol.ProbeKind || last.Step != v.Step || len(last.Probes) != 2 {
		t.Errorf("the run ends with %+v, want the probe of step %d", last, v.Step)
	}
	checkProbes(t, query, goals, events)
}

// A gradient goal measures the layer that loses the most decades; norms
// that are not numbers give no probe (JSON could not carry it).
func TestDecadesOfTheLayers(t *testing.T) {
	tests := []struct {
		name   string
		layers [][]float64 // ‖∂ℓ_T/∂h_t‖ of each layer, first step to last
		want   float64
		probed bool
	}{
		{"the lower layer loses more", [][]float64{{1e-6, 1e-3, 1}, {0.1, 1}}, 6, true},
		{"the upper layer loses more", [][]float64{{0.1, 1}, {1e-6, 1}}, 6, true},
		{"one layer explodes", [][]float64{{1, 1e-3}, {0.01, 1}}, 2, true},
		{"every layer explodes", [][]float64{{1, 1e-3}, {10, 1}}, -1, true},
		{"exact zeros", [][]float64{{0, 1e-10}}, protocol.Falloff([]float64{0, 1e-10}), true},
		{"not a number", [][]float64{{math.NaN(), 1}, {0.1, 1}}, 0, false},
		{"infinite", [][]float64{{1, math.Inf(1)}}, 0, false},
	}
	for _, tt := range tests {
		s := newSession()
		s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Goals: []string{"gradient;decades=3"}})
		d := &protocol.TraceData{Row: 0} // the history's trace of step 0 stands for the model's
		for _, g := range tt.layers {
			d.Layers = append(d.Layers, protocol.LayerData{GradHLast: nums(g)})
		}
		s.past.traces[0] = d
		ev := s.probe()
		if !tt.probed {
			if len(ev) != 0 {
				t.Errorf("%s: %+v, want no probe", tt.name, ev)
			}
			continue
		}
		if len(ev) != 1 || len(ev[0].Probes) != 1 || math.Abs(ev[0].Probes[0].Decades-tt.want) > 1e-12 {
			t.Errorf("%s: %+v, want %v decades", tt.name, ev, tt.want)
		}
	}
}
