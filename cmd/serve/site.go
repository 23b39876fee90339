//go:build !wasm

package main

import (
	"net/http"
	"path"
	"path/filepath"
	"strings"
	"sync"
)

// site is the playground served live: go-app's page, scripts and manifest,
// and the files under web/ (app.wasm, worker.js, styles, icons).
type site struct {
	web *staticDir // web/, confined to that folder

	mu   sync.Mutex
	wasm wasmFile     // the build app is made for
	app  http.Handler // go-app: pages, app.js, app-worker.js, wasm_exec.js, manifest (amended)
}

// newSite serves the playground from dir, the folder that holds web/. It
// fails if web/app.wasm has not been built: the page is useless without it.
func newSite(dir string) (http.Handler, error) {
	web, err := openStaticDir(filepath.Join(dir, "web"))
	if err != nil {
		return nil, err
	}
	wasm, err := web.wasm()
	if err != nil {
		return nil, err
	}
	s := &site{web: web, wasm: wasm, app: amended{h: appHandler(wasm, "")}}
	return withSecurityHeaders(guard(compressText(s))), nil
}

// current returns go-app's handler for the app.wasm now on disk. A rebuild
// while the server runs gets its new version at the next request, so the
// browsers' service workers install it instead of serving the old build
// from their cache until a restart.
func (s *site) current() (http.Handler, error) {
	info, err := s.web.root.Stat("app.wasm")
	s.mu.Lock()
	defer s.mu.Unlock()
	if err == nil && info.Size() == s.wasm.Size && info.ModTime().Equal(s.wasm.ModTime) {
		return s.app, nil
	}
	wasm, err := s.web.wasm()
	if err != nil {
		return nil, err
	}
	s.wasm, s.app = wasm, amended{h: appHandler(wasm, "")}
	return s.app, nil
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch p := r.URL.Path; {
	case strings.HasPrefix(p, "/web/"):
		s.web.ServeFile(w, r, strings.TrimPrefix(p, "/web/"))
	case p == "/robots.txt", p == "/sitemap.xml", p == "/ads.txt":
		// go-app would fetch these from http://<the request's Host>/web/…
		// and cache the answer for everyone: serve them from web/ instead.
		s.web.ServeFile(w, r, p[1:])
	case p == "/app.wasm", p == "/goapp.wasm":
		// go-app's aliases for web/app.wasm; nothing of ours asks for them.
		http.NotFound(w, r)
	default:
		app, err := s.current()
		if err != nil { // removed by `make clean`, say
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		app.ServeHTTP(w, r)
	}
}

// guard refuses, before any handler runs, what a static site never needs:
// methods other than GET and HEAD, request bodies, and paths that are not
// in canonical form (dot segments, encoded slashes, backslashes, NUL,
// hidden files), so that no spelling of a path can step outside the site.
func guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "method not allowed: this site only serves GET and HEAD", http.StatusMethodNotAllowed)
			return
		}
		if r.ContentLength != 0 { // -1: chunked, length unknown
			w.Header().Set("Connection", "close")
			http.Error(w, "request body not allowed", http.StatusRequestEntityTooLarge)
			return
		}
		if !canonicalPath(r.URL.Path, r.URL.RawPath) {
			http.Error(w, "bad path", http.StatusBadRequest)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// canonicalPath reports whether p (decoded) and raw (its escaped form when it
// differs from the default encoding) name a path the plain way: absolute,
// clean, no segment starting with a dot, no backslash or NUL, no %2F.
func canonicalPath(p, raw string) bool {
	if !strings.HasPrefix(p, "/") || strings.ContainsAny(p, "\\\x00") {
		return false
	}
	if c := path.Clean(p); c != p && c+"/" != p {
		return false // "..", ".", "//" — or an encoded form that decodes to them
	}
	if strings.Contains(p, "/.") {
		return false // hidden files, and any dot segment Clean kept
	}
	lower := strings.ToLower(raw)
	return !strings.Contains(lower, "%2f") && !strings.Contains(lower, "%5c")
}
