//go:build !wasm

package main

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strconv"
	"strings"
	"time"
)

// staticDir serves the files of one folder (web/). It opens them through an
// os.Root, so no name — "..", an absolute path, or a symlink pointing out —
// reaches a file outside the folder.
type staticDir struct {
	root *os.Root
}

func openStaticDir(dir string) (*staticDir, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("site folder: %w (run from the folder that holds web/, or pass -dir)", err)
	}
	return &staticDir{root: root}, nil
}

// encodings are the precompressed variants the build may write next to a
// file (app.wasm.br, app.wasm.gz), best first.
var encodings = []struct{ name, ext string }{
	{"br", ".br"},
	{"gzip", ".gz"},
}

// ServeFile answers a GET or HEAD for the file name (slash-separated,
// relative to the folder): the precompressed variant the client accepts if
// one is there and not older than the file, ranges and conditional requests
// via http.ServeContent, and "no-cache" so that the browser revalidates —
// a new build is seen at once, an unchanged file costs a 304.
func (d *staticDir) ServeFile(w http.ResponseWriter, r *http.Request, name string) {
	f, info, err := d.openFile(name)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()

	ctype := contentType(name)
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", "no-cache")
	content, served, encoding := io.ReadSeeker(f), info, ""
	for _, e := range encodings {
		vf, vinfo, err := d.openFile(name + e.ext)
		if err != nil {
			continue
		}
		defer vf.Close()
		h.Set("Vary", "Accept-Encoding")
		if encoding == "" && vinfo.ModTime().Compare(info.ModTime()) >= 0 && accepts(r.Header.Get("Accept-Encoding"), e.name) {
			content, served, encoding = vf, vinfo, e.name
		}
	}
	if encoding != "" {
		h.Set("Content-Encoding", encoding)
		// ServeContent leaves the length out once an encoding is set;
		// it is known here (ranges and 304s replace or drop it).
		h.Set("Content-Length", strconv.FormatInt(served.Size(), 10))
	}
	h.Set("ETag", etag(served, encoding))
	http.ServeContent(progressWriter{w, http.NewResponseController(w)}, r, "", served.ModTime(), content)
}

// writeGrace is how long one write of a file may take. The server's
// WriteTimeout bounds a whole response; a file gets more time as long as the
// client keeps reading, so app.wasm reaches a student on a crowded classroom
// Wi-Fi, while a client that stops reading is cut off after writeGrace.
var writeGrace = 30 * time.Second

// progressWriter moves the connection's write deadline before each write.
type progressWriter struct {
	http.ResponseWriter
	rc *http.ResponseController
}

func (p progressWriter) Write(b []byte) (int, error) {
	// An error means the writer cannot (a test recorder): WriteTimeout holds.
	_ = p.rc.SetWriteDeadline(time.Now().Add(writeGrace))
	return p.ResponseWriter.Write(b)
}

// openFile opens a regular file; directories and anything else are "not found".
func (d *staticDir) openFile(name string) (*os.File, fs.FileInfo, error) {
	if name == "" || !fs.ValidPath(name) {
		return nil, nil, fs.ErrNotExist
	}
	f, err := d.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil || !info.Mode().IsRegular() {
		f.Close()
		return nil, nil, fs.ErrNotExist
	}
	return f, info, nil
}

// contentType comes from the extension alone: the bytes of a compressed
// variant say nothing about the file. .wasm must be application/wasm for
// WebAssembly.instantiateStreaming, whatever the system's mime table says.
func contentType(name string) string {
	ext := path.Ext(name)
	if ext == ".wasm" {
		return "application/wasm"
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// accepts reports whether an Accept-Encoding header allows coding, with
// q-values: "gzip;q=0" refuses gzip, "*" accepts any coding not listed.
func accepts(header, coding string) bool {
	wildcard := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if f, err := strconv.ParseFloat(v, 64); err == nil {
				q = f
			}
		}
		switch name {
		case coding:
			return q > 0
		case "*":
			wildcard = q > 0
		}
	}
	return wildcard
}

// etag names one representation: size and modification time, like most
// static servers, plus the encoding, so gzip and identity never share a tag.
func etag(info fs.FileInfo, encoding string) string {
	tag := strconv.FormatInt(info.ModTime().UnixNano(), 36) + "-" + strconv.FormatInt(info.Size(), 36)
	if encoding != "" {
		tag += "-" + encoding
	}
	return `"` + tag + `"`
}

// wasmFile describes web/app.wasm for go-app's handler.
type wasmFile struct {
	Version string    // hash of the bytes: a new build replaces the browsers' caches, a restart does not
	Size    int64     // uncompressed, for the loading progress (the served body may be gzip)
	ModTime time.Time // with Size, tells a rebuild without hashing again
}

func (d *staticDir) wasm() (wasmFile, error) {
	f, info, err := d.openFile("app.wasm")
	if errors.Is(err, fs.ErrNotExist) {
		return wasmFile{}, errors.New("web/app.wasm not found: build it with `make -f wasm.Makefile build`")
	}
	if err != nil {
		return wasmFile{}, fmt.Errorf("web/app.wasm: %w", err)
	}
	defer f.Close()
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return wasmFile{}, fmt.Errorf("web/app.wasm: %w", err)
	}
	return wasmFile{Version: hex.EncodeToString(sum.Sum(nil)[:8]), Size: info.Size(), ModTime: info.ModTime()}, nil
}
