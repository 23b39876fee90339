package main

import (
	"reflect"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// The worker reads our run from settingsQuery as the playground reads its
// URL: the settings must come back unchanged and without complaint, or our
// page would time a different model than the anchors, or time the pace a
// student watches instead of the trainer.
func TestSettingsQueryIsThePlaygroundsQuery(t *testing.T) {
	for _, c := range configs {
		text, err := c.text("../..")
		if err != nil {
			t.Fatal(err)
		}
		for _, cell := range cells {
			cfg := c.rnnConfig(cell)
			got, msgs := protocol.DecodeQuery(settingsQuery(text, cfg) + "&steps=151")
			if len(msgs) > 0 {
				t.Errorf("%s %s: %q", c.Name, cell, msgs)
			}
			cfg.Steps = 151
			if !reflect.DeepEqual(got.Config, cfg) || got.Text != text {
				t.Errorf("%s %s: decoded %+v, want %+v", c.Name, cell, got.Config, cfg)
			}
			if got.Pace != protocol.PaceFull {
				t.Errorf("%s %s: the run plays at pace %v, want full speed", c.Name, cell, got.Pace)
			}
		}
	}
}

func TestSpecsMatchTheGoalsConfigurations(t *testing.T) {
	tests := []struct {
		config           string
		v, e, h, l, t, b int
	}{
		{"notebook", 9, 5, 20, 1, 7, 1},
		{"classroom", 49, 32, 128, 1, 64, 16},
		{"large", 49, 32, 256, 2, 64, 32},
	}
	for _, tt := range tests {
		c := configNamed(tt.config)
		text, err := c.text("../..")
		if err != nil {
			t.Fatal(err)
		}
		s, err := newSpec(c, rnn.LSTM, text)
		if err != nil {
			t.Fatal(err)
		}
		if s.V != tt.v || s.E != tt.e || s.H != tt.h || s.L != tt.l || s.T != tt.t || s.B != tt.b || s.LR != 1e-3 {
			t.Errorf("%s: V=%d E=%d H=%d L=%d T=%d B=%d lr=%g, want %+v", tt.config, s.V, s.E, s.H, s.L, s.T, s.B, s.LR, tt)
		}
		tr, err := rnn.NewTrainer(text, c.rnnConfig(rnn.LSTM))
		if err != nil {
			t.Fatal(err)
		}
		if len(s.Batches) != len(tr.Data.Batches) {
			t.Fatalf("%s: %d batches, the trainer has %d", tt.config, len(s.Batches), len(tr.Data.Batches))
		}
		for i, b := range tr.Data.Batches {
			for j := range b.Inputs {
				if s.Batches[i].Inputs[j] != b.Inputs[j] || s.Batches[i].Targets[j] != b.Targets[j] {
					t.Fatalf("%s: batch %d differs from the trainer's at %d", tt.config, i, j)
				}
			}
		}
	}
}

func TestStepFLOPs(t *testing.T) {
	// The classroom LSTM: 6·T·B·(H·V + E·4H + H·4H) = 6·1024·(128·49 + 32·512 + 128·512).
	s := spec{V: 49, E: 32, H: 128, L: 1, T: 64, B: 16}
	if got, want := stepFLOPs(s, 4), 6.0*1024*(128*49+32*512+128*512); got != want {
		t.Errorf("stepFLOPs = %g, want %g", got, want)
	}
}
