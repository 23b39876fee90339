package main

import (
	"math"
	"strings"
	"testing"
)

func TestReplaceSection(t *testing.T) {
	const section = "## In the browser\n\nnew numbers\n"
	const want = beginMarker + "\n## In the browser\n\nnew numbers\n" + endMarker
	tests := []struct {
		name, doc, want string
	}{
		{"empty file", "", want + "\n"},
		{"no markers: appended after the native section",
			"# Benchmarks\n\nnative table\n",
			"# Benchmarks\n\nnative table\n\n" + want + "\n"},
		{"no trailing newline", "native", "native\n\n" + want + "\n"},
		{"markers: only between them is rewritten",
			"# Benchmarks\n\nnative\n\n" + beginMarker + "\nold\nnumbers\n" + endMarker + "\n\nafter, kept\n",
			"# Benchmarks\n\nnative\n\n" + want + "\n\nafter, kept\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := replaceSection(tt.doc, section)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
			again, err := replaceSection(got, section)
			if err != nil || again != got {
				t.Errorf("a second run changed the file: %q, %v", again, err)
			}
		})
	}
}

func TestReplaceSectionRefusesBrokenMarkers(t *testing.T) {
	for _, doc := range []string{
		beginMarker + "\nno end",
		"no begin\n" + endMarker,
		endMarker + "\n" + beginMarker,
		beginMarker + endMarker + beginMarker + endMarker,
	} {
		if _, err := replaceSection(doc, "x"); err == nil {
			t.Errorf("%q: no error", doc)
		}
	}
}

func TestSummarize(t *testing.T) {
	tests := []struct {
		xs   []float64
		want summary
	}{
		{[]float64{3}, summary{1, 3, 3, 3}},
		{[]float64{5, 1, 3}, summary{3, 3, 1, 5}},
		{[]float64{4, 1, 3, 10}, summary{4, 3.5, 1, 10}},
	}
	for _, tt := range tests {
		if got := summarize(tt.xs); got != tt.want {
			t.Errorf("summarize(%v) = %+v, want %+v", tt.xs, got, tt.want)
		}
	}
	if s := summarize(nil); s.N != 0 || !math.IsNaN(s.Median) {
		t.Errorf("summarize(nil) = %+v", s)
	}
}

func TestParsePyTorch(t *testing.T) {
	tests := []struct {
		name, json string
		version    string
		want       map[string]summary // ms/step
	}{
		{"JSON lines, as bench/pytorch_bench.py -json prints them",
			`{"config": "notebook", "cell": "RNN", "steps": 2000, "ms_per_step": 0.5, "min_ms": 0.4, "max_ms": 2.5, "torch": "1.13.0"}
			{"config": "classroom", "cell": "LSTM", "steps": 30, "ms_per_step": 110, "min_ms": 100, "max_ms": 120, "torch": "1.13.0"}
			`, "1.13.0",
			map[string]summary{"notebook/RNN": {3, 0.5, 0.4, 2.5}, "classroom/LSTM": {3, 110, 100, 120}}},
		{"a list of samples", `[{"config":"classroom","cell":"gru","ms_per_step":[120,100,110]}]`, "",
			map[string]summary{"classroom/GRU": {3, 110, 100, 120}}},
		{"an object holding the list", `{"results":[{"config":"large","cell":"RNN","ms_per_step":7}]}`, "",
			map[string]summary{"large/RNN": {1, 7, 7, 7}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, version, err := parsePyTorch([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if version != tt.version {
				t.Errorf("version %q, want %q", version, tt.version)
			}
			for k, want := range tt.want {
				if s := got[k].step(); s != want {
					t.Errorf("%s: %+v, want %+v", k, s, want)
				}
			}
			if len(got) != len(tt.want) {
				t.Errorf("got %d results, want %d", len(got), len(tt.want))
			}
		})
	}
	for _, bad := range []string{``, `[]`, `{"results":[{"cell":"LSTM","ms_per_step":1}]}`, `[{"config":"x","cell":"RNN"}]`, `not json`, "{\"config\":\"a\",\"cell\":\"RNN\",\"ms_per_step\":1}\n{"} {
		if _, _, err := parsePyTorch([]byte(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestCellTextStaysInItsCell(t *testing.T) {
	got := cellText("TypeError: x\n    at a|b")
	if strings.ContainsAny(got, "\n") || strings.Contains(got, " | ") || got != `TypeError: x at a\|b` {
		t.Errorf("cellText = %q", got)
	}
}
