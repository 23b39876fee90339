//go:build !wasm

package main

import (
	_ "embed"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// loaderJS replaces go-app's wasm loader in app.js: the trainer worker
// compiles app.wasm and starts Go before the page does (see loader.js).
//
//go:embed loader.js
var loaderJS string

// The span of go-app's app.js that loader.js replaces: from its loader to
// the function after it.
const (
	goappLoaderStart = "async function goappInitWebAssembly() {"
	goappLoaderEnd   = "function goappCanLoadWebAssembly() {"
)

// withOwnLoader returns go-app's app.js with loader.js in place of its
// loader, its paths resolved under prefix. It fails if go-app's app.js no
// longer has the function where it was: a go-app upgrade must look again.
func withOwnLoader(appJS []byte, prefix string) ([]byte, error) {
	s := string(appJS)
	start := strings.Index(s, goappLoaderStart)
	end := strings.Index(s, goappLoaderEnd)
	if start < 0 || end < start {
		return nil, fmt.Errorf("app.js: go-app's %q is not followed by %q: cannot put the playground's loader in", goappLoaderStart, goappLoaderEnd)
	}
	r := strings.NewReplacer(
		"{{.Wasm}}", prefixPaths(prefix).Resolve("/web/app.wasm"),
		"{{.TrainerJS}}", prefixPaths(prefix).Resolve("/web/worker.js"),
	)
	return []byte(s[:start] + r.Replace(loaderJS) + "\n" + s[end:]), nil
}

// amended serves go-app's handler h with the playground's amendments:
// app.js with loader.js in place of go-app's loader, and the prerendered
// pages as the browser should read them (fixPrerendered).
type amended struct {
	h      *goapp.Handler
	prefix string
}

func (a amended) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rec := httptest.NewRecorder()
	a.h.ServeHTTP(rec, r)
	body := rec.Body.Bytes()
	switch ctype := rec.Header().Get("Content-Type"); {
	case rec.Code != http.StatusOK:
	case r.URL.Path == "/app.js":
		js, err := withOwnLoader(body, a.prefix)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		body = js
	case strings.HasPrefix(ctype, "text/html"):
		body = fixPrerendered(body)
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(rec.Code)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}
