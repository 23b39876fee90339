package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// Routes registers the pages with go-app. It is called in both builds, so
// that the server prerenders what the browser will show.
func Routes() {
	guardStorage() // before go-app starts (modelfile.go)
	// While the server's copy is as the browser laid it out: once the first
	// render has replaced it, reading a height costs a layout of the page.
	prerendered = prerenderedSections()
	app.Route("/", func() app.Composer { return &playground{} })
}
