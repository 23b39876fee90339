//go:build !(js && wasm)

package trainer

// InWorker reports whether this program runs inside a Web Worker: never
// outside the browser.
func InWorker() bool { return false }

// Run serves the page's training commands in a Web Worker; outside
// the browser there is no page to serve.
func Run() {}

// CompiledForPage reports whether this worker compiled app.wasm for the
// page: never outside the browser.
func CompiledForPage() bool { return false }
