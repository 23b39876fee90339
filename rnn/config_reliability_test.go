package rnn

import (
	"fmt"
	"math"
	"runtime"
	"strings"
	"testing"
)

// Every numeric option, set to a value a classroom might type or link,
// is refused by Validate with a message that names the option and its
// range.
func TestValidateNamesTheRange(t *testing.T) {
	fields := []struct {
		r   Range
		set func(*Config, float64)
	}{
		{Limits.Layers, func(c *Config, v float64) { c.Layers = int(v) }},
		{Limits.Embed, func(c *Config, v float64) { c.Embed = int(v) }},
		{Limits.Hidden, func(c *Config, v float64) { c.Hidden = int(v) }},
		{Limits.Steps, func(c *Config, v float64) { c.Steps = int(v) }},
		{Limits.Window, func(c *Config, v float64) { c.Window = int(v) }},
		{Limits.Batch, func(c *Config, v float64) { c.Batch = int(v) }},
		{Limits.LR, func(c *Config, v float64) { c.LR = v }},
		{Limits.Momentum, func(c *Config, v float64) { c.Momentum = v }},
		{Limits.WeightDecay, func(c *Config, v float64) { c.WeightDecay = v }},
		{Limits.Clip, func(c *Config, v float64) { c.Clip = v }},
	}
	for _, f := range fields {
		isInt := f.r.Name != "learning rate" && f.r.Name != "momentum" && f.r.Name != "weight decay" && f.r.Name != "gradient clipping"
		values := []float64{-1, f.r.Max + 1, 1e9, 1e12}
		if !isInt {
			values = append(values, math.NaN(), math.Inf(1), math.Inf(-1), math.MaxFloat64)
		}
		for _, v := range values {
			c := DefaultConfig()
			f.set(&c, v)
			err := c.Validate()
			want := fmt.Sprintf("%s must be between %s and %s", f.r.Name, Plain(f.r.Min), Plain(f.r.Max))
			if err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("%s = %g: error %v, want %q", f.r.Name, v, err, want)
			}
		}
	}
	c := DefaultConfig()
	c.Seed = MaxSeed + 1
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "seed must be a whole number from 0 to 9007199254740991") {
		t.Errorf("seed 2^53: %v", err)
	}
}

// A configuration over the budget is refused by NewTrainer before the
// model is built: the refusal allocates a tiny fraction of what the run
// would need, and its message gives the estimate, the budget and what to
// change.
func TestMemoryBudgetRefusesBeforeAllocating(t *testing.T) {
	lines := strings.Repeat(notebook+"\n", 8)
	long := strings.Repeat(notebook+" ", 20_000) // one line of 160,000 words
	tests := []struct {
		name   string
		text   string
		mutate func(*Config)
		hint   string
	}{
		{"huge hidden, many layers", lines, func(c *Config) { c.Cell, c.Hidden, c.Layers, c.Embed = LSTM, 2048, 8, 1024 }, "use a smaller hidden size, fewer layers"},
		{"big windows", lines + long, func(c *Config) { c.Hidden, c.Window, c.Batch = 2048, 4096, 1024 }, "a shorter window or a smaller batch"},
		{"one long line", long, func(c *Config) { c.Hidden = 512 }, "the longest line has 160000 tokens"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := DefaultConfig()
			tt.mutate(&cfg)
			if err := cfg.Validate(); err != nil {
				t.Fatalf("each option is in range, but: %v", err)
			}
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			_, err := NewTrainer(tt.text, cfg)
			runtime.ReadMemStats(&after)
			if err == nil {
				t.Fatal("accepted")
			}
			for _, want := range []string{"this configuration needs about", "MB, more than the 1024 MB the playground allows", tt.hint} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q lacks %q", err, want)
				}
			}
			// What a refusal may cost: the text's tokens and batches (one
			// batch of 4096×1024 ids is 64 MB), never the model.
			if got, limit := after.TotalAlloc-before.TotalAlloc, uint64(MemoryBudget/8); got > limit {
				t.Errorf("the refusal allocated %d bytes (limit %d)", got, limit)
			}
		})
	}
}

// Validate itself allocates nothing for a valid configuration: it is
// called on every edit of the form.
func TestValidateAllocatesNothing(t *testing.T) {
	c := DefaultConfig()
	if n := testing.AllocsPerRun(100, func() { _ = c.Validate() }); n != 0 {
		t.Errorf("Validate allocates %g times", n)
	}
}
