//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestWasmEncoding(t *testing.T) {
	h := newTestSite(t)
	tests := []struct {
		acceptEncoding string
		encoding       string // "" = identity
	}{
		{"", ""},
		{"gzip", "gzip"},
		{"gzip, deflate, br, zstd", "gzip"}, // Chromium's; no .br was built
		{"br;q=1.0, gzip;q=0.8", "gzip"},
		{"GZIP", "gzip"},
		{"*", "gzip"},
		{"gzip;q=0", ""},
		{"*;q=0", ""},
		{"deflate", ""},
		{"identity", ""},
	}
	for _, tt := range tests {
		t.Run(tt.acceptEncoding, func(t *testing.T) {
			res := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: "+tt.acceptEncoding+"\r\n\r\n")
			if res.StatusCode != 200 {
				t.Fatalf("status %d", res.StatusCode)
			}
			if got := res.Header.Get("Content-Encoding"); got != tt.encoding {
				t.Fatalf("Content-Encoding %q, want %q", got, tt.encoding)
			}
			for k, want := range map[string]string{
				"Content-Type":  "application/wasm",
				"Vary":          "Accept-Encoding",
				"Cache-Control": "no-cache",
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			raw, _ := io.ReadAll(res.Body)
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(raw)) {
				t.Errorf("Content-Length %q for %d bytes", got, len(raw))
			}
			decoded := raw
			if tt.encoding == "gzip" {
				zr, err := gzip.NewReader(bytes.NewReader(raw))
				if err != nil {
					t.Fatal(err)
				}
				if decoded, err = io.ReadAll(zr); err != nil {
					t.Fatal(err)
				}
			}
			if !bytes.Equal(decoded, fakeWasm) {
				t.Fatalf("decoded body differs from app.wasm (%d bytes, want %d)", len(decoded), len(fakeWasm))
			}
		})
	}
}

func TestStaleGzipIgnored(t *testing.T) {
	// app.wasm rebuilt, app.wasm.gz not yet: the old gzip is an old app.
	dir := newSiteDir(t)
	old := time.Now().Add(-time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "web", "app.wasm.gz"), old, old); err != nil {
		t.Fatal(err)
	}
	h, err := newSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	res := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n")
	if enc := res.Header.Get("Content-Encoding"); enc != "" || !bytes.Equal([]byte(body(t, res)), fakeWasm) {
		t.Fatalf("served the stale gzip (Content-Encoding %q)", enc)
	}
}

func TestConditionalAndRange(t *testing.T) {
	h := newTestSite(t)
	for _, ae := range []string{"", "gzip"} {
		first := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: "+ae+"\r\n\r\n")
		tag := first.Header.Get("ETag")
		if tag == "" {
			t.Fatalf("Accept-Encoding %q: no ETag", ae)
		}
		again := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: "+ae+"\r\nIf-None-Match: "+tag+"\r\n\r\n")
		if again.StatusCode != http.StatusNotModified || body(t, again) != "" {
			t.Errorf("Accept-Encoding %q: revalidation gave %d, want 304", ae, again.StatusCode)
		}
	}
	plain := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\n\r\n").Header.Get("ETag")
	zipped := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nAccept-Encoding: gzip\r\n\r\n").Header.Get("ETag")
	if plain == zipped {
		t.Errorf("identity and gzip share the ETag %s", plain)
	}

	res := do(t, h, "GET /web/app.wasm HTTP/1.1\r\nHost: x\r\nRange: bytes=0-3\r\n\r\n")
	if b := body(t, res); res.StatusCode != http.StatusPartialContent || b != "\x00asm" {
		t.Errorf("range: status %d, body %q; want 206, \"\\x00asm\"", res.StatusCode, b)
	}

	// go-app's own files revalidate against the build's version.
	page := get(t, h, "/")
	res = do(t, h, "GET / HTTP/1.1\r\nHost: x\r\nIf-None-Match: "+page.Header.Get("ETag")+"\r\n\r\n")
	if res.StatusCode != http.StatusNotModified {
		t.Errorf("page revalidation: status %d, want 304", res.StatusCode)
	}
}

func TestVersionIsTheBuild(t *testing.T) {
	read := func(content []byte) wasmFile {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, "app.wasm"), content, 0o644); err != nil {
			t.Fatal(err)
		}
		d, err := openStaticDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		w, err := d.wasm()
		if err != nil {
			t.Fatal(err)
		}
		return w
	}
	a, again, b := read(fakeWasm), read(fakeWasm), read(append([]byte{}, fakeWasm[:len(fakeWasm)-1]...))
	if a.Version != again.Version {
		t.Errorf("same build, two versions: %s, %s (a restart would empty every cache)", a.Version, again.Version)
	}
	if a.Version == b.Version {
		t.Errorf("different builds, one version %s (browsers would keep the old app)", a.Version)
	}
	if a.Size != int64(len(fakeWasm)) {
		t.Errorf("Size %d, want %d", a.Size, len(fakeWasm))
	}
}

func TestMissingWasm(t *testing.T) {
	dir := t.TempDir()
	if _, err := newSite(dir); err == nil {
		t.Error("no web/ folder: no error")
	}
	if err := os.Mkdir(filepath.Join(dir, "web"), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := newSite(dir)
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte("make -f wasm.Makefile build")) {
		t.Errorf("no app.wasm: error %v, want one that says how to build it", err)
	}
}

func TestAccepts(t *testing.T) {
	tests := []struct {
		header, coding string
		want           bool
	}{
		{"", "gzip", false},
		{"gzip", "gzip", true},
		{"deflate, gzip", "gzip", true},
		{"gzip;q=0", "gzip", false},
		{"gzip; q=0.001", "gzip", true},
		{"gzip;q=0.0", "gzip", false},
		{"*", "br", true},
		{"*;q=0", "br", false},
		{"gzip, *;q=0", "gzip", true},
		{"br;q=0, *", "br", false},
		{"x-gzip", "gzip", false},
		{"gzipx", "gzip", false},
	}
	for _, tt := range tests {
		if got := accepts(tt.header, tt.coding); got != tt.want {
			t.Errorf("accepts(%q, %q) = %v, want %v", tt.header, tt.coding, got, tt.want)
		}
	}
}

func TestRebuildChangesVersion(t *testing.T) {
	dir := newSiteDir(t)
	h, err := newSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	version := func() string {
		t.Helper()
		res := get(t, h, "/app-worker.js")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("app-worker.js: %d", res.StatusCode)
		}
		_, after, _ := strings.Cut(body(t, res), `const cacheName = "app-" + "`)
		v, _, _ := strings.Cut(after, `"`)
		return v
	}
	before := version()
	if again := version(); again != before {
		t.Fatalf("version changed with no rebuild: %s → %s", before, again)
	}
	wasm := filepath.Join(dir, "web", "app.wasm")
	if err := os.WriteFile(wasm, append(fakeWasm, "rebuilt"...), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Minute)
	if err := os.Chtimes(wasm, later, later); err != nil {
		t.Fatal(err)
	}
	after := version()
	if after == before || after == "" {
		t.Fatalf("after a rebuild the version is still %s: browsers would keep the old app", after)
	}
	if err := os.Remove(wasm); err != nil {
		t.Fatal(err)
	}
	if res := get(t, h, "/"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("app.wasm removed: status %d, want 503", res.StatusCode)
	}
}
