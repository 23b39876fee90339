package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docsFile is the reference whose current figures this command writes.
var docsFile = filepath.Join("..", "..", "docs", "benchmarks.md")

// The current figures in docs/benchmarks.md are what this command writes:
// one pair of markers, and between them the headings and table headers the
// report code renders now. A change to the report's layout that was not
// followed by a run (`make -f wasm.Makefile bench-browser`) fails here, so
// the reference never shows a layout the harness no longer writes.
func TestDocsHoldTheHarnessSection(t *testing.T) {
	b, err := os.ReadFile(docsFile)
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	if strings.Count(doc, beginMarker) != 1 || strings.Count(doc, endMarker) != 1 {
		t.Fatalf("%s: want one %s and one %s", docsFile, beginMarker, endMarker)
	}
	inDoc := doc[strings.Index(doc, beginMarker)+len(beginMarker) : strings.Index(doc, endMarker)]

	r := &report{Missing: map[string]string{}, Results: map[string]map[string]result{},
		Pages: []pageLoad{{Name: playgroundPage, ReadyMs: []float64{800}, Stages: []map[string]float64{{"HTML received": 7}}}}}
	for _, c := range configs {
		text, err := c.text(filepath.Join("..", ".."))
		if err != nil {
			t.Fatal(err)
		}
		for _, cell := range cells {
			s, err := newSpec(c, cell, text)
			if err != nil {
				t.Fatal(err)
			}
			r.Specs = append(r.Specs, s)
		}
	}
	if got, want := layout(inDoc), layout(r.markdown()); !slices.Equal(got, want) {
		t.Errorf("the current figures in %s do not have the harness's layout: run `make -f wasm.Makefile bench-browser`\n in the file:\n\t%s\n the code writes:\n\t%s",
			docsFile, strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

// layout is a section's headings and table headers, in order.
func layout(section string) []string {
	lines := strings.Split(section, "\n")
	var out []string
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "#"):
			out = append(out, l)
		case strings.HasPrefix(l, "|") && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "|---"):
			out = append(out, l)
		}
	}
	return out
}
