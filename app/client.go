package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// trainerClient is the page's end of the trainer worker (see app/protocol).
// Events are collected as they arrive and handed to the page once per
// animation frame, so a fast worker never makes the page render more often
// than the screen refreshes.
type trainerClient struct {
	worker  app.Value
	onEvent app.Func
	onError app.Func
	onFrame app.Func

	mu      sync.Mutex
	inbox   []protocol.Event
	pending bool // an animation frame is requested
	deliver func([]protocol.Event)
}

// startTrainer starts web/worker.js. deliver runs on the page's event loop
// (ctx.Dispatch) with the events of one frame, in order.
func startTrainer(ctx app.Context, deliver func(app.Context, []protocol.Event)) *trainerClient {
	c := &trainerClient{}
	c.deliver = func(events []protocol.Event) {
		ctx.Dispatch(func(ctx app.Context) { deliver(ctx, events) })
	}
	c.onFrame = app.FuncOf(func(app.Value, []app.Value) any {
		c.mu.Lock()
		events := c.inbox
		c.inbox, c.pending = nil, false
		c.mu.Unlock()
		c.deliver(events)
		return nil
	})
	c.onEvent = app.FuncOf(func(_ app.Value, args []app.Value) any {
		if e, ok := readEvent(args[0].Get("data")); ok {
			c.receive(e)
		}
		return nil
	})
	c.onError = app.FuncOf(func(_ app.Value, args []app.Value) any {
		msg := "its script could not be loaded, or it crashed"
		if m := args[0].Get("message"); m.Truthy() {
			msg = m.String()
		}
		c.receive(protocol.Event{Kind: protocol.Failed, Error: rnn.NewProblem(rnn.CodeInternal).WithDetail(errors.New(msg))})
		return nil
	})
	if err := c.newWorker(ctx.ResolveStaticResource("/web/worker.js")); err != nil {
		c.receive(protocol.Event{Kind: protocol.Failed, Error: rnn.NewProblem(rnn.CodeInternal).WithDetail(err)})
	}
	return c
}

// readEvent reads a worker's message: an event's JSON, or {event, model}
// for an event with a checkpoint, its bytes beside the JSON
// (app/trainer's postModel).
func readEvent(data app.Value) (protocol.Event, bool) {
	var e protocol.Event
	text, model := data, app.Value(nil)
	if data.Type() != app.TypeString {
		text, model = data.Get("event"), data.Get("model")
	}
	if json.Unmarshal([]byte(text.String()), &e) != nil {
		return e, false
	}
	if model != nil && e.Look != nil {
		e.Look.Model = make([]byte, model.Length())
		app.CopyBytesToGo(e.Look.Model, model)
	}
	return e, true
}

// newWorker starts the worker script. The browser may refuse (no Worker,
// a blocked script): the page then says so instead of dying.
func (c *trainerClient) newWorker(src string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("this browser could not start a Web Worker: %v", r)
		}
	}()
	w := adoptTrainer()
	if w == nil {
		w = app.Window().Get("Worker").New(src)
	}
	w.Set("onmessage", c.onEvent)
	w.Set("onerror", c.onError)
	c.worker = w
	return nil
}

// adoptTrainer returns the worker that app.js started before Go ran
// (cmd/serve/loader.js), once: the first trainer, which compiled app.wasm
// for the page and has Go running already. Later trainers are new workers.
func adoptTrainer() app.Value {
	w := app.Window().Get("rnnTrainer")
	if !w.Truthy() {
		return nil
	}
	app.Window().Set("rnnTrainer", app.Undefined())
	return w
}

func (c *trainerClient) receive(e protocol.Event) {
	c.mu.Lock()
	c.inbox = append(c.inbox, e)
	request := !c.pending
	c.pending = true
	c.mu.Unlock()
	if request {
		app.Window().Call("requestAnimationFrame", c.onFrame)
	}
}

// send posts a command to the worker.
func (c *trainerClient) send(cmd protocol.Command) {
	if c == nil || c.worker == nil {
		return
	}
	b, _ := json.Marshal(cmd)
	c.worker.Call("postMessage", string(b))
}

// stop terminates the worker and frees the callbacks.
func (c *trainerClient) stop() {
	if c == nil {
		return
	}
	if c.worker != nil {
		c.worker.Call("terminate")
	}
	c.onEvent.Release()
	c.onError.Release()
	c.onFrame.Release()
}
