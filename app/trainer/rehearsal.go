package trainer

import (
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// FirstEvents are what the worker sends the page first for the default
// run: ready, and the untrained model's trace with all that the views
// draw. The worker that compiled app.wasm for the page has the page's
// handling of them rehearsed (app.Rehearse) before it reports started.
func FirstEvents() []protocol.Event {
	s := protocol.DefaultSettings()
	tr, err := rnn.NewTrainer(s.Text, s.Config)
	if err != nil {
		return nil
	}
	ready := readyEvent(1, tr)
	ready.State, ready.Workers = protocol.Paused, 1
	trace := protocol.Event{Kind: protocol.TraceKind, Run: 1, Look: &protocol.LookEvent{Trace: traceData(tr, 0, true, true)}}
	return []protocol.Event{ready, trace}
}
