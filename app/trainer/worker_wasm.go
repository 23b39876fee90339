//go:build js && wasm

package trainer

import (
	"encoding/json"
	"fmt"
	"sync"
	"syscall/js"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/app/yield"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// InWorker reports whether this program runs inside a Web Worker: a
// worker's global scope has no document. (go-app's package initialisation
// only reads the global object, so it is safe to load in a worker.)
func InWorker() bool {
	g := js.Global()
	return g.Get("document").IsUndefined() && !g.Get("WorkerGlobalScope").IsUndefined()
}

// Run serves the page's commands until the worker is terminated:
// web/worker.js loads this same app.wasm, whose main calls Run.
// A worker whose first command is "replica" was started by a trainer
// worker and serves its gradient requests instead (helper_wasm.go).
func Run() {
	box := newMailbox()
	jobs := make(chan js.Value, 1) // binary messages: a helper's latest gradient request not yet begun
	self := js.Global()
	self.Set("onmessage", js.FuncOf(func(_ js.Value, args []js.Value) any {
		data := args[0].Get("data")
		if data.Type() != js.TypeString {
			offerLatest(jobs, data) // the leader waits for no other (helper_wasm.go)
			return nil
		}
		box.put(data.String())
		return nil
	}))
	post := func(events []protocol.Event) {
		for _, e := range events {
			var model []byte
			if e.Look != nil && e.Look.Model != nil { // beside the JSON (postModel)
				look := *e.Look
				model, look.Model = look.Model, nil
				e.Look = &look
			}
			b, err := json.Marshal(e)
			if err != nil { // a value JSON cannot carry (NaN): say so rather than go silent
				b, _ = json.Marshal(protocol.Event{Kind: e.Kind, Run: e.Run, Error: rnn.NewProblem(rnn.CodeInternal).WithDetail(err)})
				model = nil
			}
			if model != nil {
				postModel(self, string(b), model)
				continue
			}
			self.Call("postMessage", string(b))
		}
	}
	yield := yield.New()
	s := newSession()
	go warmUp(box, s) // warmup.go: hot code before the first Play
	s.cores = hardwareConcurrency()
	s.helpers = &webHelpers{halted: box.halted}
	self.Call("postMessage", `{"kind":"started"}`)

	lastReport := time.Now()
	for {
		wait := s.wait() // at a pace, the time to the next step; messages meanwhile
		if !s.running() {
			wait = forever
		}
		for _, raw := range box.take(wait) {
			var c protocol.Command
			if json.Unmarshal([]byte(raw), &c) != nil {
				continue
			}
			if c.Cmd == protocol.Replica {
				serveReplica(c, jobs) // never returns
			}
			post(safely(s, func() []protocol.Event { return s.handle(c) }))
		}
		if !s.running() {
			post(safely(s, s.flush))
			continue
		}
		if s.wait() > 0 { // a message came before the step was due
			continue
		}
		post(safely(s, func() []protocol.Event { s.train(sliceBudget); return nil }))
		if !s.running() || s.pacer.interval > 0 || time.Since(lastReport) >= reportEvery {
			post(safely(s, s.flush))
			lastReport = time.Now()
		}
		yield()
	}
}

// safely runs f, turning a panic (a bug) into a "failed" event and a
// stopped session instead of a dead worker and a page waiting forever.
func safely(s *session, f func() []protocol.Event) (events []protocol.Event) {
	defer func() {
		if r := recover(); r != nil {
			s.state = protocol.Refused
			events = []protocol.Event{{Kind: protocol.Failed, Run: s.run, Error: rnn.NewProblem(rnn.CodeInternal).WithDetail(fmt.Errorf("the trainer hit a bug: %v", r))}}
		}
	}()
	return f()
}

// mailbox holds the messages that arrived while Go was busy. The onmessage
// callback must never block, so it only appends.
type mailbox struct {
	mu    sync.Mutex
	msgs  []string
	ready chan struct{} // receives when msgs becomes non-empty
	halt  chan struct{} // closed once msgs holds a command that halts training (protocol.Cmd.HaltsTraining)
}

func newMailbox() *mailbox {
	return &mailbox{ready: make(chan struct{}, 1), halt: make(chan struct{})}
}

func (m *mailbox) put(msg string) {
	m.mu.Lock()
	m.msgs = append(m.msgs, msg)
	if protocol.CmdOf(msg).HaltsTraining() {
		select {
		case <-m.halt: // already closed
		default:
			close(m.halt)
		}
	}
	m.mu.Unlock()
	select {
	case m.ready <- struct{}{}:
	default:
	}
}

// halted returns a channel that is closed once a command that halts
// training waits in the mailbox: a step waiting for its helpers gives up on
// it (helperWorker.Wait), instead of holding Pause or Reset until the
// helpers answer.
func (m *mailbox) halted() <-chan struct{} {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.halt
}

// forever is a wait for mailbox.take with no end.
const forever time.Duration = -1

// take returns the waiting messages; with a wait it first blocks until
// there is one or the wait is over (forever: until there is one), which
// hands the thread back to the browser meanwhile.
func (m *mailbox) take(wait time.Duration) []string {
	m.mu.Lock()
	if wait != 0 && len(m.msgs) == 0 {
		m.mu.Unlock()
		if wait == forever {
			<-m.ready
		} else {
			t := time.NewTimer(wait)
			select {
			case <-m.ready:
			case <-t.C:
			}
			t.Stop()
		}
		m.mu.Lock()
	}
	msgs := m.msgs
	m.msgs = nil
	select {
	case <-m.halt: // the halting command is taken now
		m.halt = make(chan struct{})
	default:
	}
	m.mu.Unlock()
	return msgs
}

// CompiledForPage reports whether this worker compiled app.wasm for the
// page: the loader names it "page-trainer" (cmd/serve/loader.js), and
// web/worker.js then sends the page the module, whose compiled code the
// two threads share.
func CompiledForPage() bool { return js.Global().Get("name").String() == "page-trainer" }

// postModel sends an event with a checkpoint as {event, model}: the event's
// JSON and the checkpoint's bytes, whose buffer is transferred. In the
// JSON, the classroom model was half a megabyte of base64 for the page's
// main thread to convert and decode.
func postModel(self js.Value, event string, model []byte) {
	arr := js.Global().Get("Uint8Array").New(len(model))
	js.CopyBytesToJS(arr, model)
	msg := js.Global().Get("Object").New()
	msg.Set("event", event)
	msg.Set("model", arr)
	self.Call("postMessage", msg, []any{arr.Get("buffer")})
}
