package main

import (
	"fmt"
	"math"
	"time"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// measureNative times the same Go code natively (one goroutine, so one
// core), with the same procedure as bench/common.js: it gives the
// wasm-to-native ratio of the "wasm step ≤ 2× native" goal.
func measureNative(s spec, text string, cfg rnn.Config) (result, error) {
	var out result
	newTrainer := func() (*rnn.Trainer, error) { return rnn.NewTrainer(text, cfg) }
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

	if s.Mode == "notebook" {
		for range s.Repeats {
			tr, err := newTrainer()
			if err != nil {
				return out, err
			}
			var first, last float64
			start := time.Now()
			for i := range s.Steps {
				if last, err = tr.Step(); err != nil {
					return out, err
				}
				if i == 0 {
					first = last
				}
			}
			total := ms(time.Since(start))
			out.TotalsMs = append(out.TotalsMs, total)
			out.MsPerStep = append(out.MsPerStep, total/float64(s.Steps))
			out.Losses = []float64{first, last}
		}
		return out, nil
	}

	tr, err := newTrainer()
	if err != nil {
		return out, err
	}
	start := time.Now()
	first, err := tr.Step()
	if err != nil {
		return out, err
	}
	out.WarmMs = ms(time.Since(start))
	out.Losses = []float64{first, first}
	if out.WarmMs > s.SlowMs {
		out.MsPerStep = []float64{out.WarmMs}
		out.Note = "one step only (warm-up included): too slow to repeat"
		return out, nil
	}
	k := max(1, min(1000, int(math.Round(s.RepeatMs/out.WarmMs))))
	out.StepsPerRepeat = k
	begin := time.Now()
	for r := range s.Repeats {
		if r >= s.MinRepeats && ms(time.Since(begin)) > s.BudgetMs {
			break
		}
		start := time.Now()
		for range k {
			if out.Losses[1], err = tr.Step(); err != nil {
				return out, fmt.Errorf("%s %s natively: %w", s.Config, s.Cell, err)
			}
		}
		out.MsPerStep = append(out.MsPerStep, ms(time.Since(start))/float64(k))
	}
	return out, nil
}
