//go:build !wasm

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWithOwnLoader(t *testing.T) {
	goappJS := "const a = 1;\n" + goappLoaderStart + "\n  fetchWithProgress(\"/web/app.wasm\");\n}\n\n" + goappLoaderEnd + "\n  return true;\n}\n"
	got, err := withOwnLoader([]byte(goappJS), "/rnn-playground")
	if err != nil {
		t.Fatal(err)
	}
	s := string(got)
	for _, want := range []string{"const a = 1;\n", goappLoaderEnd + "\n  return true;\n}\n",
		`new Worker("/rnn-playground/web/worker.js", { name: "page-trainer" })`, `fetch("/rnn-playground/web/app.wasm")`} {
		if !strings.Contains(s, want) {
			t.Errorf("app.js lacks %q", want)
		}
	}
	if strings.Contains(s, "fetchWithProgress") || strings.Count(s, goappLoaderStart) != 1 || strings.Contains(s, "{{") {
		t.Errorf("go-app's loader is still there, or a placeholder is left:\n%s", s)
	}
	for _, broken := range []string{"", goappLoaderEnd + "\n" + goappLoaderStart, "function goappInitWebAssembly() {}"} {
		if _, err := withOwnLoader([]byte(broken), ""); err == nil {
			t.Errorf("withOwnLoader accepted an app.js without go-app's loader: %q", broken)
		}
	}
}

// Live and in the static site, app.js has the playground's loader, and the
// page is fixed as fixPrerendered does.
func TestAppJSHasTheLoader(t *testing.T) {
	live := body(t, get(t, newTestSite(t), "/app.js"))
	out := filepath.Join(t.TempDir(), "dist")
	if err := writeStaticSite(out, newSiteDir(t), "/rnn-playground"); err != nil {
		t.Fatal(err)
	}
	static, err := os.ReadFile(filepath.Join(out, "app.js"))
	if err != nil {
		t.Fatal(err)
	}
	index, err := os.ReadFile(filepath.Join(out, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for name, js := range map[string]string{"live": live, "static": string(static)} {
		if !strings.Contains(js, "rnnTrainerModule") || strings.Contains(js, "fetchWithProgress(\"") {
			t.Errorf("%s app.js does not load app.wasm through the trainer worker", name)
		}
	}
	if !strings.Contains(string(static), `"/rnn-playground/web/worker.js"`) {
		t.Error("the static site's loader starts the worker outside the prefix")
	}
	if m := falseBoolean.Find(index); m != nil || !hasElement(string(index), "div", `class="page"`, "inert") {
		t.Errorf("the static index.html is not fixed (%s)", m)
	}
}
