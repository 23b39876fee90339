//go:build !wasm

package main

import (
	_ "embed"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app"
)

// appHandler is go-app's handler for the build described by wasm, with its
// resources under prefix ("" live, "/rnn-playground" on GitHub Pages).
func appHandler(wasm wasmFile, prefix string) *goapp.Handler {
	h := app.Handler(wasm.Version)
	h.Resources = prefixPaths(prefix)
	h.ServiceWorkerTemplate = serviceWorkerJS
	return h
}

// serviceWorkerJS is go-app's cache-first service worker, plus what offline
// use needs under a path prefix and with links that carry the run in their
// query: see app-worker.js.
//
//go:embed app-worker.js
var serviceWorkerJS string

// prefixPaths resolves go-app's resource paths the way goapp.GitHubPages
// does ("/web/x" → prefix+"/web/x", "/app.js" → prefix+"/app.js", "/" →
// prefix, or "/" when prefix is empty). Unlike go-app's resolvers it is not
// an http.Handler, so go-app never serves files itself: web/ belongs to
// staticDir, which keeps them inside the folder.
type prefixPaths string

func (p prefixPaths) Resolve(location string) string {
	if strings.HasPrefix(location, "https://") || strings.HasPrefix(location, "http://") {
		return location
	}
	if location == "" || location == "/" {
		if p == "" {
			return "/"
		}
		return string(p)
	}
	return string(p) + "/" + strings.TrimLeft(location, "/")
}
