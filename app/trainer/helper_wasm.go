//go:build js && wasm

package trainer

import (
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"syscall/js"
	"time"
	"unsafe"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// Helper workers: the trainer worker (the leader) starts one Web Worker per
// share 1..n-1 of every batch, running this same app.wasm (workers.go).
//
//	leader                                          helper (web/worker.js, nested)
//	'{"cmd":"replica","query":…,"vocab":[…],"share":1,"of":2}' → builds an rnn.Replica
//	{seq, step, weights: Float64Array, pred: Int32Array}  → Replica.Gradient
//	                                  ← {seq, step, grad: Float64Array, lossSum, pred: Int32Array}
//	                                  ← {seq, step, error: "…"}  (a replica that cannot serve)
//
// The first message is JSON like the page's commands; the rest are objects
// whose typed arrays are transferred, never copied by structured clone: the
// weights' buffer goes to the helper, comes back holding the gradient (the
// same length) and carries the next step's weights, so a step allocates no
// buffer after the first.
//
// seq numbers the requests. The leader waits for the answer to its latest
// one only: a step given up on (a Pause while the helper computes, see
// Wait) is asked again after Play, and the late answer to the request
// before it carries an older seq and is dropped. A helper keeps only the
// latest request it has not begun (Run's onmessage, offerLatest).

// helperTimeout is how long the leader waits for a helper's gradient before
// it counts the helper as lost: far longer than any step (the first one
// includes loading the helper's wasm), so only a helper that vanished
// without an error event (closed, crashed silently) reaches it. It runs
// from the helper's last sign of life while a request waits (that request,
// or a late answer to an older one), so a Pause and Play meanwhile do not
// start it again.
const helperTimeout = 30 * time.Second

// hardwareConcurrency is the number of logical cores the browser reports,
// 0 when it does not say.
func hardwareConcurrency() int {
	n := js.Global().Get("navigator").Get("hardwareConcurrency")
	if n.Type() != js.TypeNumber {
		return 0
	}
	return n.Int()
}

// float64Bytes and int32Bytes view a slice's memory as bytes, without
// copying: js.CopyBytesToGo/ToJS move a whole typed array at once instead
// of one js.Value call per number. (Wasm and typed arrays are both
// little-endian.)
func float64Bytes(x []float64) []byte {
	if len(x) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 8*len(x))
}

func int32Bytes(x []int32) []byte {
	if len(x) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(&x[0])), 4*len(x))
}

// byteView is a Uint8Array over the same memory as the typed array a.
func byteView(a js.Value) js.Value {
	return js.Global().Get("Uint8Array").New(a.Get("buffer"), a.Get("byteOffset"), a.Get("byteLength"))
}

// isTyped reports whether v is a typed array of the constructor ctor with n
// elements.
func isTyped(v js.Value, ctor string, n int) bool {
	return v.Type() == js.TypeObject && v.InstanceOf(js.Global().Get(ctor)) && v.Get("length").Int() == n
}

// webHelpers is the leader's helperPool: one nested Web Worker per share.
// halted is the mailbox's (worker_wasm.go): a step gives up waiting for
// its helpers once a command that halts training has arrived.
type webHelpers struct {
	workers []*helperWorker
	halted  func() <-chan struct{}
}

func (p *webHelpers) start(query string, vocab []string, of int) ([]rnn.ShardWorker, error) {
	var shards []rnn.ShardWorker
	for share := 1; share < of; share++ {
		h, err := startHelper(protocol.Command{Cmd: protocol.Replica, Query: query, Vocab: vocab, Share: share, Of: of}, p.halted)
		if err != nil {
			p.stop()
			return nil, err
		}
		p.workers = append(p.workers, h)
		shards = append(shards, h)
	}
	return shards, nil
}

func (p *webHelpers) stop() {
	for _, h := range p.workers {
		h.close()
	}
	p.workers = nil
}

// helperWorker is the leader's end of one helper: an rnn.ShardWorker.
type helperWorker struct {
	worker             js.Value
	onMessage, onError js.Func

	weights, pred js.Value // typed arrays for the next request; undefined while the helper holds them
	transfer      js.Value // the request's transfer list, reused
	grad          []float64
	pred32        []int32
	res           rnn.ShardResult

	answers chan struct{} // receives when res or err is ready
	pending bool          // a request was started and not yet waited for
	err     error         // the helper failed: every later Wait returns it
	timer   *time.Timer
	halted  func() <-chan struct{}

	// seq is the latest request's number; waiting says it is unanswered,
	// since when: from the request, or from a stale answer that arrived
	// after it (the helper lives, and now computes the latest request).
	seq     int
	waiting bool
	since   time.Time
}

// startHelper starts web/worker.js (resolved next to this worker's own
// script, so under a GitHub Pages prefix too) and sends it its replica.
func startHelper(c protocol.Command, halted func() <-chan struct{}) (h *helperWorker, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("this browser could not start a helper worker: %v", r)
		}
	}()
	h = &helperWorker{
		weights: js.Undefined(), pred: js.Undefined(),
		transfer: js.Global().Get("Array").New(),
		answers:  make(chan struct{}, 1),
		timer:    time.NewTimer(helperTimeout),
		halted:   halted,
	}
	h.timer.Stop()
	h.onMessage = js.FuncOf(func(_ js.Value, args []js.Value) any {
		h.receive(args[0].Get("data"))
		return nil
	})
	h.onError = js.FuncOf(func(_ js.Value, args []js.Value) any {
		e := args[0]
		e.Call("preventDefault") // handled here: not the page's "trainer stopped"
		msg := "it crashed"
		if m := e.Get("message"); m.Truthy() {
			msg = m.String()
		}
		h.fail(errors.New(msg))
		return nil
	})
	h.worker = js.Global().Get("Worker").New("worker.js")
	h.worker.Set("onmessage", h.onMessage)
	h.worker.Set("onerror", h.onError)
	b, _ := json.Marshal(c)
	h.worker.Call("postMessage", string(b))
	return h, nil
}

// receive handles one message of the helper: its gradient, its error, or
// (JSON) the worker script's own news.
func (h *helperWorker) receive(data js.Value) {
	if data.Type() == js.TypeString {
		var e protocol.Event
		if json.Unmarshal([]byte(data.String()), &e) == nil && e.Kind == protocol.Failed {
			var err error = errors.New("web/worker.js could not load the wasm")
			if e.Error != nil {
				err = e.Error // its own words are the detail
			}
			h.fail(err)
		}
		return // "started"
	}
	if msg := data.Get("error"); msg.Type() == js.TypeString {
		h.fail(errors.New(msg.String())) // stale or not: the replica has stopped serving
		return
	}
	if seq := data.Get("seq"); seq.Type() != js.TypeNumber || seq.Int() != h.seq {
		h.since = time.Now() // the answer to a request given up on by a halted Wait
		return
	}
	h.waiting = false
	grad, pred := data.Get("grad"), data.Get("pred")
	if !isTyped(grad, "Float64Array", len(h.grad)) || pred.Type() != js.TypeObject || !pred.InstanceOf(js.Global().Get("Int32Array")) {
		h.fail(errors.New("it sent an answer of the wrong shape"))
		return
	}
	js.CopyBytesToGo(float64Bytes(h.grad), byteView(grad))
	if n := pred.Get("length").Int(); n != len(h.pred32) { // the first answer
		h.pred32, h.res.Pred = make([]int32, n), make([]int, n)
	}
	js.CopyBytesToGo(int32Bytes(h.pred32), byteView(pred))
	for i, id := range h.pred32 {
		h.res.Pred[i] = int(id)
	}
	h.res.Grad, h.res.LossSum = h.grad, data.Get("lossSum").Float()
	h.weights, h.pred = grad, pred // the next request's buffers
	h.answer()
}

// fail records the helper's first failure and wakes a waiting Wait.
func (h *helperWorker) fail(err error) {
	if h.err == nil {
		h.err = err
	}
	h.answer()
}

func (h *helperWorker) answer() {
	select {
	case h.answers <- struct{}{}:
	default:
	}
}

// Start sends the weights to the helper, in a buffer it transfers.
func (h *helperWorker) Start(step int, weights []float64) {
	h.pending = true
	select {
	case <-h.answers: // an answer nobody waited for (an error before the first step)
	default:
	}
	if h.err != nil {
		return
	}
	defer func() {
		if r := recover(); r != nil { // postMessage threw
			h.fail(fmt.Errorf("could not send it the weights: %v", r))
		}
	}()
	if !isTyped(h.weights, "Float64Array", len(weights)) {
		h.weights = js.Global().Get("Float64Array").New(len(weights))
		h.grad = make([]float64, len(weights))
	}
	js.CopyBytesToJS(byteView(h.weights), float64Bytes(weights))
	msg := js.Global().Get("Object").New()
	h.seq++
	msg.Set("seq", h.seq)
	msg.Set("step", step)
	msg.Set("weights", h.weights)
	h.transfer.Set("length", 0)
	h.transfer.Call("push", h.weights.Get("buffer"))
	if h.pred.Type() == js.TypeObject {
		msg.Set("pred", h.pred)
		h.transfer.Call("push", h.pred.Get("buffer"))
	}
	h.worker.Call("postMessage", msg, h.transfer)
	h.weights, h.pred = js.Undefined(), js.Undefined() // the helper's now
	if !h.waiting {
		h.waiting, h.since = true, time.Now()
	}
}

// Wait blocks until the helper answers; meanwhile the worker's event loop
// runs (it delivers the answer, and the page's commands to the mailbox).
// A command that halts training ends the wait with errHalted: the helper
// is kept, and its answer to this request will be dropped as stale. The
// timeout runs from since, so that a Pause and Play do not start it again.
func (h *helperWorker) Wait() (rnn.ShardResult, error) {
	if !h.pending {
		return rnn.ShardResult{}, errors.New("Wait without Start")
	}
	h.pending = false
	if h.err == nil {
		h.timer.Reset(max(helperTimeout-time.Since(h.since), 0))
		select {
		case <-h.answers:
		case <-h.halted():
			if !h.answeredNow() {
				h.timer.Stop()
				return rnn.ShardResult{}, errHalted
			}
		case <-h.timer.C:
			if !h.answeredNow() {
				h.fail(fmt.Errorf("it did not answer within %s", helperTimeout))
			}
		}
		h.timer.Stop()
	}
	if h.err != nil {
		return rnn.ShardResult{}, h.err
	}
	return h.res, nil
}

// answeredNow takes an answer that arrived together with a halt or the
// timeout: the step's work is not thrown away for a tie.
func (h *helperWorker) answeredNow() bool {
	select {
	case <-h.answers:
		return true
	default:
		return false
	}
}

// close terminates the helper. Its handlers are replaced before they are
// released, so an event already queued cannot call a released function:
// messages go nowhere, and errors to closedHelperError. An error left
// without a handler would travel on to the page as the trainer's own, and
// a helper stopped while it loads (a Reset at once) can still raise one:
// its importScripts cut short by terminate, a NetworkError.
func (h *helperWorker) close() {
	h.worker.Set("onmessage", js.Null())
	h.worker.Set("onerror", closedHelperError())
	h.worker.Call("terminate")
	h.onMessage.Release()
	h.onError.Release()
	h.timer.Stop()
}

// closedHelperError handles the errors of helpers already closed: it
// cancels them (nothing of the run depends on such a helper any more). One
// function for the worker's life, never released.
var closedHelperError = sync.OnceValue(func() js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		args[0].Call("preventDefault")
		return nil
	})
})

// serveReplica is a helper's life: build the replica its leader describes
// in c, then answer each gradient request from jobs. It never returns; the
// leader terminates the worker.
func serveReplica(c protocol.Command, jobs <-chan js.Value) {
	self := js.Global()
	settings, _ := protocol.DecodeQuery(c.Query)
	r, err := rnn.NewReplica(settings.Text, settings.Config, c.Vocab, c.Share, c.Of)
	var weights []float64
	if err == nil {
		weights = make([]float64, r.NumWeights())
	}
	var pred32 []int32
	transfer := self.Get("Array").New()
	for job := range jobs {
		step := job.Get("step")
		answer := self.Get("Object").New()
		answer.Set("seq", job.Get("seq"))
		answer.Set("step", step)
		if err == nil {
			err = gradientInto(r, step, job, weights, &pred32, answer, transfer)
		}
		if err != nil {
			answer.Set("error", protocol.Sentence(err.Error()))
			self.Call("postMessage", answer)
			continue
		}
		self.Call("postMessage", answer, transfer)
	}
}

// gradientInto computes one request: the weights come out of the request's
// Float64Array, the gradient goes back into it, the predictions into its
// Int32Array (a new one the first time), and answer and transfer are set
// to post them. An error (a request of the wrong shape, a bug) ends the
// replica's service.
func gradientInto(r *rnn.Replica, step, job js.Value, weights []float64, pred32 *[]int32, answer, transfer js.Value) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the helper hit a bug: %v", p)
		}
	}()
	buf := job.Get("weights")
	if !isTyped(buf, "Float64Array", len(weights)) || step.Type() != js.TypeNumber {
		return fmt.Errorf("the helper got a request of the wrong shape (the model has %d weights)", len(weights))
	}
	js.CopyBytesToGo(float64Bytes(weights), byteView(buf))
	res, err := r.Gradient(step.Int(), weights)
	if err != nil {
		return err
	}
	js.CopyBytesToJS(byteView(buf), float64Bytes(res.Grad))
	if len(*pred32) != len(res.Pred) {
		*pred32 = make([]int32, len(res.Pred))
	}
	for i, id := range res.Pred {
		(*pred32)[i] = int32(id)
	}
	pred := job.Get("pred")
	if !isTyped(pred, "Int32Array", len(res.Pred)) {
		pred = js.Global().Get("Int32Array").New(len(res.Pred))
	}
	js.CopyBytesToJS(byteView(pred), int32Bytes(*pred32))
	answer.Set("grad", buf)
	answer.Set("lossSum", res.LossSum)
	answer.Set("pred", pred)
	transfer.Set("length", 0)
	transfer.Call("push", buf.Get("buffer"), pred.Get("buffer"))
	return nil
}
