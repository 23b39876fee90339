//go:build !wasm

package main

import (
	"bytes"
	"compress/gzip"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app"
)

func TestMain(m *testing.M) {
	app.Routes() // what main does before serving
	os.Exit(m.Run())
}

// fakeWasm stands in for the real build: the server never looks inside.
var fakeWasm = append([]byte("\x00asm\x01\x00\x00\x00"), bytes.Repeat([]byte("RNN playground "), 4096)...)

// newSiteDir lays out a folder like the repository's after a build: the
// files of the real web/ (so that every file the app names is there), a
// fake app.wasm and its gzip, and for the tests a stylesheet, a sub-folder,
// a hidden file, symlinks pointing out of web/, and a secret file beside web/.
func newSiteDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	web := filepath.Join(dir, "web")
	// The build's outputs (app.wasm and its variants) are replaced by fakes.
	real := os.DirFS(filepath.Join("..", "..", "web"))
	err := fs.WalkDir(real, ".", func(name string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir():
			return os.MkdirAll(filepath.Join(web, name), 0o755)
		case strings.HasPrefix(name, "app.wasm"):
			return nil
		}
		return copyFile(real, name, filepath.Join(web, name))
	})
	if err != nil {
		t.Fatal(err)
	}
	write := func(name string, data []byte) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(dir, "secret.txt"), []byte("outside the site"))
	write(filepath.Join(web, "app.wasm"), fakeWasm)
	write(filepath.Join(web, "app.wasm.gz"), gzipped(t, fakeWasm))
	write(filepath.Join(web, "fixture.css"), []byte("body { margin: 0 }"))
	write(filepath.Join(web, "sub", "inner.txt"), []byte("inner"))
	write(filepath.Join(web, ".hidden"), []byte("hidden"))
	for link, target := range map[string]string{
		"escape":     filepath.Join("..", "secret.txt"),
		"escape-abs": filepath.Join(dir, "secret.txt"),
		"etc":        "/etc",
		"inside":     "fixture.css",
	} {
		if err := os.Symlink(target, filepath.Join(web, link)); err != nil {
			t.Fatal(err)
		}
	}
	// The gzip is written after app.wasm, as the build does.
	later := time.Now().Add(time.Second)
	if err := os.Chtimes(filepath.Join(web, "app.wasm.gz"), later, later); err != nil {
		t.Fatal(err)
	}
	return dir
}

func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
