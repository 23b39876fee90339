//go:build !wasm

package main

import (
	"bufio"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzPathStaysInSite sends arbitrary request targets: none may reach the
// file beside web/, answer 500, or panic.
func FuzzPathStaysInSite(f *testing.F) {
	for _, seed := range []string{
		"/", "/web/app.wasm", "/web/../secret.txt", "/web/%2e%2e/secret.txt", "/web/..%2fsecret.txt",
		"/web/escape", "/web/escape-abs", "/web/etc/passwd", "//secret.txt", "/web/.%2e/secret.txt",
		"/web/sub/../../secret.txt", "/%2e%2e/secret.txt", "/web/..\\secret.txt", "*", "http://x/web/../secret.txt",
		"/robots.txt", "/app.wasm", "/web/%00", "/web/%c0%ae%c0%ae/secret.txt",
	} {
		f.Add(seed)
	}
	h, err := newSite(newSiteDir(f))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, target string) {
		raw := "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n"
		req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return // not a request a server would pass to a handler
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if strings.Contains(rec.Body.String(), "outside the site") {
			t.Fatalf("GET %q served the file outside web/", target)
		}
		if rec.Code >= 500 {
			t.Fatalf("GET %q: status %d", target, rec.Code)
		}
	})
}
