//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app"
)

// TestHandlerResourcesExist checks that every local file app.Handler names
// (icon, styles, scripts, resources to cache offline) is in the repository's
// web/ folder: a missing one is a 404 on the page, and it makes the service
// worker's install fail, so the playground would not work offline.
func TestHandlerResourcesExist(t *testing.T) {
	h := app.Handler("test")
	names := []string{h.Icon.Default, h.Icon.Large, h.Icon.SVG, h.Icon.Maskable}
	names = append(names, h.Styles...)
	names = append(names, h.Scripts...)
	names = append(names, h.CacheableResources...)
	for _, n := range names {
		fields := strings.Fields(n) // a URL, then attributes such as "crossorigin"
		if len(fields) == 0 {
			continue
		}
		n = fields[0]
		p, ok := strings.CutPrefix(n, "/web/")
		if !ok {
			if strings.HasPrefix(n, "http") {
				t.Errorf("%s is remote: offline, the service worker cannot cache it", n)
			}
			continue
		}
		if _, err := os.Stat(filepath.Join("..", "..", "web", filepath.FromSlash(p))); err != nil {
			t.Errorf("app.Handler names %s, but web/%s does not exist", n, p)
		}
	}
}

func TestPrefixPaths(t *testing.T) {
	tests := []struct{ prefix, in, want string }{
		{"", "/", "/"},
		{"", "", "/"},
		{"", "/web/app.wasm", "/web/app.wasm"},
		{"", "web/app.wasm", "/web/app.wasm"},
		{"", "/app.js", "/app.js"},
		{"/rnn-playground", "/", "/rnn-playground"},
		{"/rnn-playground", "/web/app.wasm", "/rnn-playground/web/app.wasm"},
		{"/rnn-playground", "/app-worker.js", "/rnn-playground/app-worker.js"},
		{"/rnn-playground", "https://example.com/x.css", "https://example.com/x.css"},
	}
	for _, tt := range tests {
		if got := prefixPaths(tt.prefix).Resolve(tt.in); got != tt.want {
			t.Errorf("prefixPaths(%q).Resolve(%q) = %q, want %q", tt.prefix, tt.in, got, tt.want)
		}
	}
}
