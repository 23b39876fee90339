//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// compressText gzips the text responses the build does not precompress:
// go-app's page, app.js, wasm_exec.js, manifest and service worker, and
// web/'s styles and scripts. A first visit's HTML, JS and CSS then cost a
// quarter of their size, as app.wasm's precompressed .gz already does. A
// response is compressed once per distinct body (compressedCache); ranges,
// HEAD, non-200 answers and bodies beyond maxCompressed pass through.
func compressText(next http.Handler) http.Handler {
	cache := &compressedCache{m: map[[32]byte][]byte{}}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || r.Header.Get("Range") != "" || !accepts(r.Header.Get("Accept-Encoding"), "gzip") {
			next.ServeHTTP(w, r)
			return
		}
		// A revalidation names the gzip tag: ask the handler about its own.
		inm := r.Header.Get("If-None-Match")
		if strings.Contains(inm, gzTag) {
			r = r.Clone(r.Context())
			r.Header.Set("If-None-Match", strings.ReplaceAll(inm, gzTag, `"`))
		}
		g := &gzipResponse{w: w, gzipTag: strings.Contains(inm, gzTag)}
		next.ServeHTTP(g, r)
		if !g.decided {
			g.WriteHeader(http.StatusOK)
		}
		if g.pass {
			return
		}
		gz := cache.gzip(g.body.Bytes())
		h := w.Header()
		h.Add("Vary", "Accept-Encoding")
		h.Set("Content-Encoding", "gzip")
		h.Set("Content-Length", strconv.Itoa(len(gz)))
		gzipETag(h)
		w.WriteHeader(http.StatusOK)
		w.Write(gz)
	})
}

// gzTag ends the tag of a body compressText gzipped: gzip and identity
// never share a tag (nor does it look like staticDir's precompressed "-gzip").
const gzTag = `-gz"`

func gzipETag(h http.Header) {
	if tag := h.Get("ETag"); strings.HasSuffix(tag, `"`) && !strings.HasSuffix(tag, gzTag) {
		h.Set("ETag", strings.TrimSuffix(tag, `"`)+gzTag)
	}
}

// maxCompressed bounds a body compressText holds in memory: the page's
// text files are tens of KB; anything larger is streamed as it is.
const maxCompressed = 1 << 20

// compressible reports whether a response of this type is text.
func compressible(contentType string) bool {
	t, _, _ := mime.ParseMediaType(contentType)
	switch t {
	case "application/javascript", "text/javascript", "application/json", "application/manifest+json", "image/svg+xml", "application/xml":
		return true
	}
	return strings.HasPrefix(t, "text/")
}

// gzipResponse holds a text answer until the handler is done, for
// compressText to compress; anything else (another status, a type that is
// not text, a body already encoded or beyond maxCompressed) goes straight
// through to w as it is written.
type gzipResponse struct {
	w       http.ResponseWriter
	gzipTag bool // the request revalidates a gzip body
	decided bool // the status is known, and with it pass
	pass    bool
	body    bytes.Buffer
}

func (g *gzipResponse) Header() http.Header { return g.w.Header() }

// Unwrap lets http.ResponseController reach the connection (staticDir
// moves the write deadline while a file goes out).
func (g *gzipResponse) Unwrap() http.ResponseWriter { return g.w }

func (g *gzipResponse) WriteHeader(status int) {
	if g.decided {
		return
	}
	h := g.w.Header()
	g.decided = true
	g.pass = status != http.StatusOK || h.Get("Content-Encoding") != "" || !compressible(h.Get("Content-Type"))
	if status == http.StatusNotModified && g.gzipTag {
		gzipETag(h) // still the gzip body the browser holds
	}
	if g.pass {
		g.w.WriteHeader(status)
	}
}

func (g *gzipResponse) Write(p []byte) (int, error) {
	if !g.decided {
		g.WriteHeader(http.StatusOK)
	}
	if !g.pass && g.body.Len()+len(p) > maxCompressed {
		g.pass = true
		g.w.WriteHeader(http.StatusOK)
		if _, err := g.w.Write(g.body.Bytes()); err != nil {
			return 0, err
		}
	}
	if g.pass {
		return g.w.Write(p)
	}
	return g.body.Write(p)
}

// compressedCache keeps the gzip of each body seen, by its hash: the same
// few files are asked for by every visitor. It forgets everything when it
// holds more than a build's worth.
type compressedCache struct {
	mu sync.Mutex
	m  map[[32]byte][]byte
}

func (c *compressedCache) gzip(body []byte) []byte {
	key := sha256.Sum256(body)
	c.mu.Lock()
	gz, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return gz
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	gz = buf.Bytes()
	c.mu.Lock()
	if len(c.m) >= 64 {
		clear(c.m)
	}
	c.m[key] = gz
	c.mu.Unlock()
	return gz
}
