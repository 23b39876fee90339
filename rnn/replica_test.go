package rnn

import (
	"runtime"
	"strings"
	"testing"
	"time"
)

// A replica of an imported model reads the text with the model's
// vocabulary, as NewTrainerFrom does; one built from the text's own
// vocabulary is refused at the first step.
func TestReplicaForeignVocabulary(t *testing.T) {
	file := save(t, trainedLM(t, GRU, WordTokens, 2))
	text := "We are going home\nWe watch a new film tonight\nEnd Game is long\nhome"
	trainerFrom := func() *Trainer {
		lm, err := LoadLM(file)
		if err != nil {
			t.Fatal(err)
		}
		cfg := DefaultConfig()
		cfg.LR = 0.01
		tr, err := NewTrainerFrom(lm, text, cfg)
		if err != nil {
			t.Fatal(err)
		}
		return tr
	}
	want, got, local := trainerFrom(), trainerFrom(), trainerFrom()
	got.UseShards(replicaShards(t, text, got, got.Vocab.Tokens(), 3))
	compareSteps(t, want, got, 3)
	// LocalShards shares the trainer's recoded data: the same numbers.
	local.UseShards(localShards(t, local, 3))
	for s := range 3 {
		setWeights(local, want)
		setWeights(got, want)
		a, _ := got.Step()
		b, err := local.Step()
		if err != nil || a != b {
			t.Errorf("step %d: loss %.17g with LocalShards (%v), %.17g with replicas", s+1, b, err, a)
		}
	}

	own := trainerFrom()
	r, err := NewReplica(text, own.Config, nil, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if r.NumWeights() == len(own.FlatWeights(nil)) {
		t.Fatal("the text's own vocabulary has the model's size: the test needs another text")
	}
	own.UseShards([]ShardWorker{&messageShard{r: r}})
	if _, err := own.Step(); err == nil || !strings.Contains(err.Error(), "weights") {
		t.Errorf("a replica with another vocabulary: err %v", err)
	}
}

// Bad arguments, as a browser worker may receive them in a message, are
// clear errors.
func TestNewReplicaRefuses(t *testing.T) {
	d := shardDatasets[0] // B = 5
	cfg := shardTrainer(t, d, RNNTanh, 1).Config
	bad := cfg
	bad.Hidden = 0
	cases := []struct {
		name       string
		cfg        Config
		text       string
		vocab      []string
		share, of  int
		wantSubstr string
	}{
		{"share 0", cfg, d.text, nil, 0, 2, "share 0 is the trainer's"},
		{"share = of", cfg, d.text, nil, 2, 2, "share 1 to 1 of 2"},
		{"negative share", cfg, d.text, nil, -1, 3, "asked for -1"},
		{"more shares than rows", cfg, d.text, nil, 1, 6, "1 to 5 shares"},
		{"no shares", cfg, d.text, nil, 1, 0, "asked for 0"},
		{"bad config", bad, d.text, nil, 1, 2, "hidden size"},
		{"no text", cfg, "", nil, 1, 2, "empty"},
		{"vocabulary without <unk>", cfg, d.text, []string{"a", "b"}, 1, 2, "<unk>"},
		{"vocabulary with a repeat", cfg, d.text, []string{UnkToken, "a", "a"}, 1, 2, "repeats"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := NewReplica(c.text, c.cfg, c.vocab, c.share, c.of)
			if err == nil || !strings.Contains(err.Error(), c.wantSubstr) {
				t.Errorf("got %v, %v; want an error containing %q", r, err, c.wantSubstr)
			}
		})
	}
	r, err := NewReplica(d.text, cfg, nil, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	w := make([]float64, r.NumWeights())
	for _, c := range []struct {
		step    int
		weights []float64
		want    string
	}{
		{0, w[1:], "this model has"},
		{0, nil, "got 0 weights"},
		{-1, w, "step must be"},
	} {
		if _, err := r.Gradient(c.step, c.weights); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Gradient(%d, %d weights): %v, want %q", c.step, len(c.weights), err, c.want)
		}
	}
	if _, err := r.Gradient(1<<40, w); err != nil {
		t.Errorf("a large step is a batch like any other: %v", err)
	}
}

// LocalShards caps the shares at the batch's rows; Close ends every
// goroutine, and a closed worker's step is an error, not a hang.
func TestLocalShardsClose(t *testing.T) {
	tr := shardTrainer(t, shardDatasets[0], RNNTanh, 1) // B = 5
	if _, err := LocalShards(tr, 0); err == nil {
		t.Error("0 workers accepted")
	}
	if ws, err := LocalShards(tr, 1); err != nil || len(ws) != 0 {
		t.Errorf("1 worker: %d shards, %v", len(ws), err)
	}
	before := runtime.NumGoroutine()
	ws, err := LocalShards(tr, 9)
	if err != nil || len(ws) != 4 {
		t.Fatalf("9 workers on 5 rows: %d shards, %v", len(ws), err)
	}
	tr.UseShards(ws)
	if _, err := tr.Step(); err != nil {
		t.Fatal(err)
	}
	closeShards(ws)
	closeShards(ws) // twice is harmless
	if _, err := tr.Step(); err == nil || !strings.Contains(err.Error(), "closed") {
		t.Errorf("a step on closed workers: %v", err)
	}
	// The goroutines end asynchronously after Close: wait for them.
	for range 1000 {
		if runtime.NumGoroutine() <= before {
			return
		}
		time.Sleep(time.Millisecond)
	}
	t.Errorf("%d goroutines before LocalShards, %d after Close", before, runtime.NumGoroutine())
}
