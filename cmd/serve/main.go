// Command serve is RNN Playground's one main. Compiled to wasm it is the
// browser app (and, inside a Web Worker, the trainer); compiled natively it
// is the HTTP server that delivers the app, or writes it as a static site.
package main

import (
	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app"
	"github.com/rnn-playground/rnn-playground/app/trainer"
)

func main() {
	if trainer.InWorker() {
		if trainer.CompiledForPage() {
			app.Rehearse(trainer.FirstEvents()) // before "started": the page then renders compiled code
		}
		trainer.Run() // the same app.wasm, loaded by web/worker.js: train off the main thread
		return
	}
	app.YieldToBrowser() // Go's start-up, then the page's: tasks of their own, not one long one
	app.Routes()
	goapp.RunWhenOnBrowser() // never returns in the browser
	serve()                  // server.go natively; nothing in the wasm build
}
