//go:build js && wasm

package trainer

import (
	"encoding/json"
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/app/yield"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// V8 runs new wasm code in its baseline compiler (Liftoff) and compiles a
// function again, optimised (TurboFan), only once it has run for a while:
// without help, the student's first Train runs the slow code and pays for
// the compilations. The warm-up trains the notebook's model of each cell
// kind for about a notebook run in a private session once the page says it
// is drawn (a WarmUp command: until then the page's main thread needs the
// machine's cores more), so that the code of a step, its log entries and
// its JSON events is hot before the first Play.
const (
	warmUpBudget = 500 * time.Millisecond // of steps in all, on the slowest machine
	warmUpPoll   = 10 * time.Millisecond  // how often it looks for the page's first run
	warmUpQuiet  = 50 * time.Millisecond  // with no new run or step, after which the page is idle
)

// warmUp runs in its own goroutine beside the worker's loop (Run),
// one step at a time with a yield to the worker's event loop between
// steps. It keeps out of the page's way: it waits while commands are
// queued in box or s (the page's session) trains, and until the page has
// started no run and trained no step for warmUpQuiet, then goes on, so that
// a student who starts with one cell kind finds the others warm too.
func warmUp(box *mailbox, s *session) {
	steps := warmUpStepsIn(js.Global().Get("location").Get("search").String())
	if steps == 0 {
		return
	}
	// First the page's own first commands (reset, and Play when the link
	// says autoplay: a run started at once warms the code itself), then
	// its WarmUp once it is drawn. Only a page's trainer warms up: a helper
	// worker (helper_wasm.go) never gets a run of its own.
	for waited := time.Duration(0); s.tr == nil || !s.pageDrawn; waited += warmUpPoll {
		if waited > time.Minute { // a helper, or a page that never got drawn (a tab in the background draws slowly)
			return
		}
		time.Sleep(warmUpPoll)
	}
	yield := yield.New()
	lastRun, lastStep := -1, -1
	idle := func() { // lets the worker's loop run, then waits until the page has been quiet for warmUpQuiet
		for {
			yield()
			if queued(box) || s.running() {
				continue
			}
			run, step := s.run, 0
			if s.tr != nil {
				step = s.tr.StepsDone()
			}
			if run == lastRun && step == lastStep {
				return
			}
			lastRun, lastStep = run, step
			time.Sleep(warmUpQuiet)
		}
	}
	var spent time.Duration
	for _, cell := range []rnn.CellKind{rnn.RNNTanh, rnn.LSTM, rnn.GRU} {
		settings := protocol.DefaultSettings()
		settings.Config.Cell = cell
		idle()
		w := newSession()
		w.handle(protocol.Command{Cmd: protocol.Reset, Query: settings.Query()})
		w.handle(protocol.Command{Cmd: protocol.Play})
		for i := 0; w.running() && i < steps; i++ {
			idle()
			if spent > warmUpBudget {
				return
			}
			start := time.Now()
			w.train(0) // one step
			if i%10 == 0 {
				// The messages' JSON, both ways.
				var c protocol.Command
				json.Unmarshal([]byte(`{"cmd":"play","run":1}`), &c)
				for _, e := range w.flush() {
					json.Marshal(e)
				}
			}
			spent += time.Since(start)
		}
	}
}

// queued reports whether commands wait in m for the worker's loop.
func queued(m *mailbox) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.msgs) > 0
}
