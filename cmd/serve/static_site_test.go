//go:build !wasm

package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestCleanPrefix(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"", "", true},
		{"/", "", true},
		{"/rnn-playground", "/rnn-playground", true},
		{"rnn-playground", "/rnn-playground", true},
		{"/rnn-playground/", "/rnn-playground", true},
		{"/a/b_c.d", "/a/b_c.d", true},
		{"/a b", "", false},
		{`/x"><script>alert(1)</script>`, "", false},
		{"/../etc", "", false},
		{"/.hidden", "", false},
		{"//evil.example", "", false},
		{"https://evil.example", "", false},
	}
	for _, tt := range tests {
		got, err := cleanPrefix(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("cleanPrefix(%q) = %q, %v; want %q, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
	}
}

// TestStaticSite writes the site for /rnn-playground, serves dist/ under that
// path with a plain file server (as GitHub Pages does), and follows every
// URL the page and its scripts ask for.
func TestStaticSite(t *testing.T) {
	dir := newSiteDir(t)
	out := filepath.Join(t.TempDir(), "dist")
	if err := writeStaticSite(out, dir, "/rnn-playground"); err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	if wasm := read("web/app.wasm"); wasm != string(fakeWasm) {
		t.Error("web/app.wasm is not a copy of the build")
	}
	for _, name := range []string{".nojekyll", "web/fixture.css", "web/worker.js", "web/sub/inner.txt",
		"index.html", "app.js", "app-worker.js", "wasm_exec.js", "manifest.webmanifest", "app.css"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("missing %s", name)
		}
	}
	for _, name := range []string{"web/app.wasm.gz", "web/.hidden", "web/escape", "web/etc", "secret.txt"} {
		if _, err := os.Lstat(filepath.Join(out, name)); err == nil {
			t.Errorf("%s was copied", name)
		}
	}

	index := read("index.html")
	if !strings.Contains(index, `http-equiv="Content-Security-Policy" content="`+contentSecurityPolicy(true)+`"`) {
		t.Error("index.html carries no Content-Security-Policy meta tag")
	}
	if strings.Contains(contentSecurityPolicy(true), "frame-ancestors") {
		t.Error("the meta policy has frame-ancestors, which browsers ignore there with a warning")
	}
	appJS := read("app.js")
	for _, want := range []string{`"/rnn-playground/web/app.wasm"`, `"/rnn-playground/app-worker.js"`} {
		if !strings.Contains(appJS, want) {
			t.Errorf("app.js lacks %s", want)
		}
	}
	if worker := read("app-worker.js"); !strings.Contains(worker, `"/rnn-playground/web/app.wasm"`) ||
		!strings.Contains(worker, "self.registration.scope") {
		t.Error("app-worker.js is not ours, or lists unprefixed resources")
	}

	pages := httptest.NewServer(http.StripPrefix("/rnn-playground", http.FileServer(http.Dir(out))))
	defer pages.Close()
	urls := regexp.MustCompile(`(?:src|href)="(/[^"]*)"`).FindAllStringSubmatch(index, -1)
	urls = append(urls, regexp.MustCompile(`"(/rnn-playground/[^"]*)"`).FindAllStringSubmatch(read("app-worker.js"), -1)...)
	if len(urls) < 8 {
		t.Fatalf("found only %d URLs in index.html and app-worker.js", len(urls))
	}
	for _, m := range urls {
		u := m[1]
		if !strings.HasPrefix(u, "/rnn-playground") {
			t.Errorf("%s is outside the prefix: it would 404 on GitHub Pages", u)
			continue
		}
		res, err := http.Get(pages.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", u, res.StatusCode)
		}
	}
}

func TestStaticSiteRefusesBadPrefix(t *testing.T) {
	dir := newSiteDir(t)
	out := filepath.Join(t.TempDir(), "dist")
	err := writeStaticSite(out, dir, `/x"><script>`)
	if err == nil {
		t.Fatal("no error")
	}
	if _, statErr := os.Stat(out); statErr == nil {
		t.Error("wrote files despite the error")
	}
	if !bytes.Contains([]byte(err.Error()), []byte("/rnn-playground")) {
		t.Errorf("error %q does not show a valid example", err)
	}
}
