package app

import (
	"encoding/json"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Rehearse does once what the page does first, and returns the page it
// rendered: render the default page, send the reset, read the worker's
// first events (trainer.FirstEvents) and render every part with them. The
// trainer worker that compiled app.wasm for the page calls it before it
// reports started. V8 compiles a wasm function on its first call and
// shares the code with every thread that holds the module, so these
// functions are compiled in the worker rather than on the page's main
// thread, where compiling them took much of the first render. A worker has
// no document: the page is rendered to HTML, by the same Render methods
// and element builders.
func Rehearse(events []protocol.Event) string {
	p := &playground{at: -1, shown: parts}
	p.state = newRunState(protocol.DefaultSettings())
	p.initClassroom("")
	p.initExercise("")
	p.newRunID()
	p.run = protocol.NewRunView(1)
	app.HTMLString(p)

	cmd, _ := p.state.resetCommand(1)
	b, _ := json.Marshal(cmd)
	json.Unmarshal(b, &cmd)
	for _, e := range events {
		b, _ := json.Marshal(e)
		var got protocol.Event
		if json.Unmarshal(b, &got) == nil {
			p.run.Apply(got)
			p.look.apply(p.run.Run, got)
		}
	}
	return app.HTMLString(p)
}
