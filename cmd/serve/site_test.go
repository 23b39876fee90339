//go:build !wasm

package main

import (
	"bufio"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func newTestSite(t *testing.T) http.Handler {
	t.Helper()
	h, err := newSite(newSiteDir(t))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// do sends a request written as on the wire, so that the request target
// reaches the handler exactly as a hostile client would send it.
func do(t *testing.T, h http.Handler, raw string) *http.Response {
	t.Helper()
	req, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
	if err != nil {
		t.Fatalf("bad test request %q: %v", raw, err)
	}
	req.RemoteAddr = "192.0.2.1:1234"
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func get(t *testing.T, h http.Handler, target string) *http.Response {
	t.Helper()
	return do(t, h, "GET "+target+" HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n\r\n")
}

func body(t *testing.T, res *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestPaths(t *testing.T) {
	h := newTestSite(t)
	tests := []struct {
		target   string
		status   int
		contains string // in the body, when status is 200
	}{
		{"/", 200, `src="/app.js"`},
		{"/?text=We+are&cell=lstm", 200, `src="/app.js"`},
		{"/app.js", 200, "/web/app.wasm"},
		{"/wasm_exec.js", 200, "globalThis.Go"},
		{"/app-worker.js", 200, "self.registration.scope"},
		{"/manifest.webmanifest", 200, `"name":"RNN Playground"`},
		{"/web/app.wasm", 200, "\x00asm"},
		{"/web/fixture.css", 200, "margin"},
		{"/web/worker.js", 200, ""},
		{"/web/sub/inner.txt", 200, "inner"},
		{"/web/inside", 200, "margin"}, // a symlink that stays inside web/ is fine
		{"/no-such-page", 404, ""},
		{"/web/no-such-file.js", 404, ""},
		{"/web/sub", 404, ""}, // no directory listings
		{"/web/sub/", 404, ""},
		{"/web/", 404, ""},
		// out of the site
		{"/web/../secret.txt", 400, ""},
		{"/web/./style.css", 400, ""},
		{"/web/%2e%2e/secret.txt", 400, ""},
		{"/web/%2E%2E/secret.txt", 400, ""},
		{"/web/..%2fsecret.txt", 400, ""},
		{"/web/%2e%2e%2fsecret.txt", 400, ""},
		{"/web/sub%2F..%2F..%2Fsecret.txt", 400, ""},
		{"/web/sub%2finner.txt", 400, ""},
		{"/web/..%5csecret.txt", 400, ""},
		{"/web/%5c..%5csecret.txt", 400, ""},
		{"/web/fixture.css%00.js", 400, ""},
		{"//etc/passwd", 400, ""},
		{"/web//etc/passwd", 400, ""},
		{"/web/%2fetc%2fpasswd", 400, ""},
		{"/web/escape", 404, ""},     // symlink to ../secret.txt
		{"/web/escape-abs", 404, ""}, // symlink to an absolute path outside
		{"/web/etc/passwd", 404, ""}, // symlink to /etc
		{"/web/.hidden", 400, ""},
		{"/.git/config", 400, ""},
		{"http://evil.example/etc/passwd", 404, ""}, // absolute-form target: only the path counts
		{"/etc/passwd", 404, ""},
		// go-app's extras that would otherwise fetch from the request's Host or the working directory
		{"/robots.txt", 404, ""},
		{"/sitemap.xml", 404, ""},
		{"/app.wasm", 404, ""},
		{"/goapp.wasm", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			res := get(t, h, tt.target)
			b := body(t, res)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d; body %.80q", res.StatusCode, tt.status, b)
			}
			if tt.status != 200 && strings.Contains(b, "outside the site") {
				t.Fatalf("served the file outside web/")
			}
			if !strings.Contains(b, tt.contains) {
				t.Fatalf("body %.200q does not contain %q", b, tt.contains)
			}
		})
	}
}

func TestHostileHostIsNotFetched(t *testing.T) {
	// go-app answers /robots.txt by fetching http://<Host>/web/robots.txt and
	// caching it for every client; the site must not.
	fetched := make(chan string, 1)
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched <- r.URL.Path
		io.WriteString(w, "Disallow: everything")
	}))
	defer evil.Close()
	h := newTestSite(t)
	host := strings.TrimPrefix(evil.URL, "http://")
	for _, p := range []string{"/robots.txt", "/sitemap.xml", "/ads.txt"} {
		res := do(t, h, "GET "+p+" HTTP/1.1\r\nHost: "+host+"\r\n\r\n")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("%s: status %d, want 404", p, res.StatusCode)
		}
	}
	select {
	case p := <-fetched:
		t.Fatalf("the server fetched %s from the Host header", p)
	default:
	}
}

func TestMethods(t *testing.T) {
	h := newTestSite(t)
	for _, method := range []string{"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND"} {
		for _, target := range []string{"/", "/web/app.wasm"} {
			res := do(t, h, method+" "+target+" HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n")
			if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET, HEAD" {
				t.Errorf("%s %s: status %d, Allow %q; want 405, \"GET, HEAD\"", method, target, res.StatusCode, res.Header.Get("Allow"))
			}
		}
	}
	res := do(t, h, "HEAD /web/app.wasm HTTP/1.1\r\nHost: x\r\n\r\n")
	size := strconv.Itoa(len(fakeWasm))
	if b := body(t, res); res.StatusCode != 200 || b != "" || res.Header.Get("Content-Length") != size {
		t.Errorf("HEAD: status %d, Content-Length %q, %d body bytes; want 200, %s, none",
			res.StatusCode, res.Header.Get("Content-Length"), len(b), size)
	}
}

func TestRequestBodyRefused(t *testing.T) {
	h := newTestSite(t)
	for name, raw := range map[string]string{
		"length":  "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello",
		"chunked": "GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
	} {
		if res := do(t, h, raw); res.StatusCode != http.StatusRequestEntityTooLarge {
			t.Errorf("%s: status %d, want 413", name, res.StatusCode)
		}
	}
}

func TestSecurityHeaders(t *testing.T) {
	h := newTestSite(t)
	responses := map[string]*http.Response{
		"page":      get(t, h, "/"),
		"app.js":    get(t, h, "/app.js"),
		"wasm":      get(t, h, "/web/app.wasm"),
		"worker":    get(t, h, "/web/worker.js"),
		"not found": get(t, h, "/web/nope"),
		"bad path":  get(t, h, "/web/../secret.txt"),
		"method":    do(t, h, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"),
	}
	for name, res := range responses {
		for k, v := range securityHeaders {
			if got := res.Header.Get(k); got != v {
				t.Errorf("%s: %s = %q, want %q", name, k, got, v)
			}
		}
	}
	// The policy itself: what go-app, wasm and the Worker need, nothing that
	// would let injected text run as script.
	csp := securityHeaders["Content-Security-Policy"]
	for _, want := range []string{"default-src 'none'", "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'",
		"connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP lacks %q: %s", want, csp)
		}
	}
	for _, bad := range []string{"'unsafe-eval'", "script-src 'self' 'unsafe-inline'", "*", "data:", "http:", "https:"} {
		if strings.Contains(csp, bad) {
			t.Errorf("CSP allows %s: %s", bad, csp)
		}
	}
}

func TestCanonicalPath(t *testing.T) {
	tests := []struct {
		path, raw string
		ok        bool
	}{
		{"/", "", true},
		{"/web/app.wasm", "", true},
		{"/web/sub/", "", true},
		{"/a b", "/a%20b", true},
		{"", "", false},
		{"web/app.wasm", "", false},
		{"/web/../x", "", false},
		{"/web/./x", "", false},
		{"/web//x", "", false},
		{"/web/.x", "", false},
		{"/web/x/..", "", false},
		{"/web\\x", "", false},
		{"/web/x\x00", "", false},
		{"/web/a/b", "/web/a%2Fb", false},
		{"/web/a/b", "/web/a%2fb", false},
		{"/web/a\\b", "/web/a%5Cb", false},
	}
	for _, tt := range tests {
		if got := canonicalPath(tt.path, tt.raw); got != tt.ok {
			t.Errorf("canonicalPath(%q, %q) = %v, want %v", tt.path, tt.raw, got, tt.ok)
		}
	}
}
