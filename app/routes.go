package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages with go-app. It is called in both builds, so
// that the server prerenders what the browser will show.
func Routes() {
	guardStorage() // before go-app starts (modelfile.go)
	app.Route("/", func() app.Composer { return &playground{} })
}

// Handler describes the app to go-app's HTTP handler and static-site writer.
// version changes whenever app.wasm does, so browsers replace their cache.
func Handler(version string) *app.Handler {
	return &app.Handler{
		Name:        "RNN Playground",
		ShortName:   "RNN",
		Title:       "RNN Playground",
		Description: "Train a recurrent neural network (RNN, LSTM, GRU) in your browser, with PyTorch's exact numbers.",
		Icon:        app.Icon{Default: "/web/icon.svg", SVG: "/web/icon.svg"},
		Styles:      []string{"/web/style.css", "/web/views.css"}, // views.css: the teaching views (issue 4)
		// The trainer worker is fetched by the page, not by go-app: list it
		// so the service worker keeps it for offline use.
		CacheableResources: []string{"/web/worker.js"},
		Version:            version,
		LoadingLabel:       "Loading RNN Playground…",
	}
}
