//go:build js && wasm

package trainer

import "runtime/debug"

// The trainer worker's heap is almost all pointer-free float buffers (the
// model, its activations, Adam's moments), so a collection is cheap while
// the default GOGC=100 would let the heap grow to twice its live size
// before collecting — and a wasm memory never shrinks. A lower target keeps
// a classroom run's memory flat from its first steps.
func init() {
	if InWorker() {
		debug.SetGCPercent(25)
	}
}
