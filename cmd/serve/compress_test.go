//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"slices"
	"strings"
	"testing"
)

// The page, go-app's scripts and web/'s text files go out gzipped to a
// browser that accepts it, and come out byte for byte what an identity
// request gets; app.wasm keeps its precompressed variant; ranges and a
// client without gzip get the identity body; a revalidation of the gzip
// body is answered 304.
func TestTextIsCompressed(t *testing.T) {
	h := newTestSite(t)
	req := func(target, headers string) string {
		return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:8000\r\n" + headers + "\r\n"
	}
	gunzip := func(b []byte) []byte {
		t.Helper()
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, target := range []string{"/", "/?text=We+are&cell=lstm", "/app.js", "/wasm_exec.js", "/manifest.webmanifest", "/app-worker.js", "/web/style.css", "/web/worker.js"} {
		plain := do(t, h, req(target, ""))
		zipped := do(t, h, req(target, "Accept-Encoding: gzip, br\r\n"))
		pb, zb := []byte(body(t, plain)), []byte(body(t, zipped))
		if plain.StatusCode != 200 || zipped.StatusCode != 200 {
			t.Fatalf("%s: status %d and %d", target, plain.StatusCode, zipped.StatusCode)
		}
		if plain.Header.Get("Content-Encoding") != "" || zipped.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s: encodings %q and %q", target, plain.Header.Get("Content-Encoding"), zipped.Header.Get("Content-Encoding"))
			continue
		}
		if !sameBytes(gunzip(zb), pb) {
			t.Errorf("%s: the gzip body is not the page", target)
		}
		if len(pb) > 2000 && len(zb)*2 > len(pb) {
			t.Errorf("%s: %d bytes gzipped to %d", target, len(pb), len(zb))
		}
		if !strings.Contains(zipped.Header.Get("Vary"), "Accept-Encoding") || zipped.Header.Get("Content-Length") == "" {
			t.Errorf("%s: Vary %q, Content-Length %q", target, zipped.Header.Get("Vary"), zipped.Header.Get("Content-Length"))
		}
		if tag := zipped.Header.Get("ETag"); tag != "" {
			if tag == plain.Header.Get("ETag") || !strings.HasSuffix(tag, gzTag) {
				t.Errorf("%s: ETag %q for gzip, %q for identity", target, tag, plain.Header.Get("ETag"))
			}
			again := do(t, h, req(target, "Accept-Encoding: gzip\r\nIf-None-Match: "+tag+"\r\n"))
			if again.StatusCode != 304 || again.Header.Get("ETag") != tag {
				t.Errorf("%s: revalidating %s: %d with ETag %q", target, tag, again.StatusCode, again.Header.Get("ETag"))
			}
		}
	}
	wasm := do(t, h, req("/web/app.wasm", "Accept-Encoding: gzip\r\n"))
	if wb := []byte(body(t, wasm)); wasm.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(gunzip(wb), fakeWasm) {
		t.Errorf("app.wasm: encoding %q, %d bytes: not its precompressed gzip", wasm.Header.Get("Content-Encoding"), len(wb))
	}
	part := do(t, h, req("/web/style.css", "Accept-Encoding: gzip\r\nRange: bytes=0-9\r\n"))
	if part.StatusCode != 206 || part.Header.Get("Content-Encoding") != "" || len(body(t, part)) != 10 {
		t.Errorf("a range of style.css: status %d, encoding %q", part.StatusCode, part.Header.Get("Content-Encoding"))
	}
}

// sameBytes compares two bodies as multisets of bytes: go-app writes a
// page's attributes in map order, so two answers differ by that order.
func sameBytes(a, b []byte) bool {
	if len(a) != len(b) {
		return false
	}
	a, b = bytes.Clone(a), bytes.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return bytes.Equal(a, b)
}
