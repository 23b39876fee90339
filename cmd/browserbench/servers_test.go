package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestCopyFlatKeepsFilesAndTimes(t *testing.T) {
	src, dst := t.TempDir(), filepath.Join(t.TempDir(), "web")
	old := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for name, body := range map[string]string{"app.wasm": "wasm", "app.wasm.gz": "gz"} {
		p := filepath.Join(src, name)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := copyFlat(src, dst, false); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"app.wasm": "wasm", "app.wasm.gz": "gz"} {
		p := filepath.Join(dst, name)
		got, err := os.ReadFile(p)
		if err != nil || string(got) != body {
			t.Errorf("%s: %q, %v; want %q", name, got, err, body)
		}
		if info, err := os.Stat(p); err != nil || !info.ModTime().Equal(old) {
			t.Errorf("%s: modification time %v, %v; want %v", name, info.ModTime(), err, old)
		}
	}
}

func TestCopyFlatRefusesClashesAndFolders(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "worker.js"), []byte("bench"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dst, "worker.js"), []byte("product"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := copyFlat(src, dst, true); err == nil {
		t.Error("exclusive copy overwrote worker.js")
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "worker.js")); string(got) != "product" {
		t.Errorf("worker.js is %q", got)
	}
	if err := os.Mkdir(filepath.Join(src, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := copyFlat(src, t.TempDir(), false); err == nil {
		t.Error("a folder in src was skipped silently")
	}
}
