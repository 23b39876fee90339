package main

import (
	"math"
	"sort"
)

// result is one framework's measurement of one configuration and cell, as
// the pages return it (bench/common.js, bench/playground/bench.js) and as
// the native measurements fill it in.
type result struct {
	MsPerStep      []float64 `json:"msPerStep"` // one sample per repeat
	TotalsMs       []float64 `json:"totalsMs"`  // notebook: each model's whole run
	ComputeMs      []float64 `json:"computeMs"` // ours, notebook: the part of each run spent training in the worker
	ResetMs        []float64 `json:"resetMs"`   // ours, notebook: Reset → ready before each run
	WarmMs         float64   `json:"warmMs"`    // throughput: the first step
	StepsPerRepeat int       `json:"stepsPerRepeat"`
	Losses         []float64 `json:"losses"` // first and last loss seen: it did train
	Note           string    `json:"note"`
	Workers        int       `json:"workers"` // ours: the Web Workers that trained the run (0: the build does not say)
	Sampling       string    `json:"-"`       // how the samples were taken, when not repeats of StepsPerRepeat steps
	Err            string    `json:"-"`       // why there is no measurement
}

// summary is the statistics of a sample: median and range.
type summary struct {
	N                int
	Median, Min, Max float64
}

func summarize(xs []float64) summary {
	if len(xs) == 0 {
		return summary{Median: math.NaN(), Min: math.NaN(), Max: math.NaN()}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	med := s[n/2]
	if n%2 == 0 {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	return summary{N: n, Median: med, Min: s[0], Max: s[n-1]}
}

// ok reports whether r holds a measurement.
func (r result) ok() bool { return r.Err == "" && len(r.MsPerStep) > 0 }

// step is the ms/step summary over repeats.
func (r result) step() summary { return summarize(r.MsPerStep) }

// tokensPerSec is the throughput at the median step time.
func (r result) tokensPerSec(tokens int) float64 {
	return float64(tokens) / (r.step().Median / 1000)
}
