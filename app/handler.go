//go:build !wasm

package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Handler describes the app to go-app's HTTP handler and static-site writer.
// version changes whenever app.wasm does, so browsers replace their cache.
// It is built natively only: app.wasm is built against a go-app without its
// HTTP handler (cmd/trimgoapp), and the browser never serves.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:        "RNN Playground",
		ShortName:   "RNN",
		Title:       "RNN Playground",
		Description: "Train a recurrent neural network (RNN, LSTM, GRU) in your browser, with PyTorch's exact numbers.",
		Icon:        app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		Styles:      []string{"/web/style.css", "/web/views.css"}, // views.css: the teaching views
		// The trainer worker is fetched by the page, not by go-app: list it
		// so the service worker keeps it for offline use.
		CacheableResources: []string{"/web/worker.js"},
		Version:            version,
		LoadingLabel:       "Loading RNN Playground…",
	}
}
