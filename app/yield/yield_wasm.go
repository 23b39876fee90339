// Package yield lets a Go program in the browser give the event loop a
// turn and then go on: Go's own runtime.Gosched and time.Sleep(0) never
// return control to the browser. The page uses it between the parts it
// renders, the trainer worker between slices of training so that its
// messages are delivered.
package yield

import "syscall/js"

// New returns a function that lets the event loop run (input, paint,
// onmessage) and then resumes: scheduler.postTask where the browser has it
// (~20 µs), else a MessageChannel round trip (~30 µs). setTimeout(0) would
// be clamped to ~4 ms once nested.
func New() func() {
	wake := make(chan struct{}, 1)
	resume := js.FuncOf(func(js.Value, []js.Value) any {
		select {
		case wake <- struct{}{}:
		default:
		}
		return nil
	})
	g := js.Global()
	if sched := g.Get("scheduler"); sched.Truthy() && sched.Get("postTask").Truthy() {
		return func() {
			sched.Call("postTask", resume)
			<-wake
		}
	}
	ch := g.Get("MessageChannel").New()
	ch.Get("port1").Set("onmessage", resume)
	port := ch.Get("port2")
	return func() {
		port.Call("postMessage", nil)
		<-wake
	}
}
