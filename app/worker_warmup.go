//go:build js && wasm

package app

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// V8 runs new wasm code in its baseline compiler (Liftoff) and compiles a
// function again, optimised (TurboFan), only once it has run for a while:
// without help, the student's first Train runs the slow code and pays for
// the compilations. The warm-up trains the notebook's model of each cell
// kind for about a notebook run in a private session as soon as the worker starts,
// so that the code of a step, its log entries and its JSON events is hot
// before the first Play.
const (
	warmUpSteps  = 150                    // per cell kind (after 30 or 60, the first run still took 2–3× a warm one)
	warmUpBudget = 500 * time.Millisecond // of steps in all, on the slowest machine
	warmUpDelay  = 100 * time.Millisecond // after the worker starts
)

// warmUp runs in its own goroutine beside the worker's loop (RunWorker),
// one step at a time with a yield to the worker's event loop between
// steps. It never stands in the way of the page: it waits while commands
// are queued in box or s (the page's session) trains, and goes on when the
// worker is idle again, so that a student who starts with one cell kind
// finds the others warm too.
func warmUp(box *mailbox, s *session) {
	steps := warmUpStepsIn(js.Global().Get("location").Get("search").String())
	if steps == 0 {
		return
	}
	// First the page's own first commands (reset, and Play when the link
	// says autoplay): a run started at once warms the code itself. Only a
	// page's trainer warms up: the page resets it at once, while a helper
	// worker (helper_wasm.go) never gets a run of its own.
	for waited := time.Duration(0); ; waited += warmUpDelay {
		time.Sleep(warmUpDelay)
		if s.tr != nil {
			break
		}
		if waited > 10*time.Second {
			return
		}
	}
	yield := newYielder()
	idle := func() { // lets the worker's loop run, then waits until it has nothing to do
		for yield(); queued(box) || s.running(); yield() {
		}
	}
	var spent time.Duration
	for _, cell := range []rnn.CellKind{rnn.RNNTanh, rnn.LSTM, rnn.GRU} {
		settings := DefaultSettings()
		settings.Config.Cell = cell
		idle()
		w := newSession()
		w.handle(Command{Cmd: "reset", Query: settings.Query()})
		w.handle(Command{Cmd: "play"})
		for i := 0; w.running() && i < steps; i++ {
			idle()
			if spent > warmUpBudget {
				return
			}
			start := time.Now()
			w.train(0) // one step
			if i%10 == 0 {
				// The messages' JSON, both ways.
				var c Command
				json.Unmarshal([]byte(`{"cmd":"play","run":1}`), &c)
				for _, e := range w.flush() {
					json.Marshal(e)
				}
			}
			spent += time.Since(start)
		}
	}
}

// warmUpStepsIn reads "warmup=N" in the worker's URL query (N steps per
// cell kind, 0: no warm-up), which the benchmark sets to measure what the
// warm-up buys; without it, warmUpSteps.
func warmUpStepsIn(query string) int {
	q, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if n, err := strconv.Atoi(q.Get("warmup")); err == nil && n >= 0 {
		return min(n, 10*warmUpSteps)
	}
	return warmUpSteps
}

// queued reports whether commands wait in m for the worker's loop.
func queued(m *mailbox) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.msgs) > 0
}
