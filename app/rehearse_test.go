package app

import (
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/trainer"
)

// The rehearsal must go through the page's handling of the worker's first
// events: the vocabulary from ready, the views from the trace.
func TestRehearsalRendersTheFirstEvents(t *testing.T) {
	events := trainer.FirstEvents()
	if len(events) != 2 {
		t.Fatalf("FirstEvents gave %d events, want ready and a trace", len(events))
	}
	html := Rehearse(events)
	for _, want := range []string{`id="trace-note"`, "Avengers", `id="glossary"`} {
		if !strings.Contains(html, want) {
			t.Errorf("the rehearsed page has no %s", want)
		}
	}
}
