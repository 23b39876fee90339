package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The browser build against the trimmed copy links no HTTP server and no TLS,
// while the native build still has go-app's handler.
func TestBrowserBuildLeavesTheServerOut(t *testing.T) {
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if err := trim(root, out); err != nil {
		t.Fatal(err)
	}
	deps := func(goos, goarch string) []string {
		cmd := exec.Command("go", "list", "-modfile", filepath.Join(out, "go.mod"), "-deps",
			"-f", "{{.ImportPath}} {{.Dir}}", "./cmd/serve")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch)
		cmd.Stderr = os.Stderr
		b, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list (%s/%s): %v", goos, goarch, err)
		}
		return strings.Split(strings.TrimSpace(string(b)), "\n")
	}
	has := func(list []string, pkg string) bool {
		return slices.ContainsFunc(list, func(l string) bool { return strings.HasPrefix(l, pkg+" ") })
	}

	browser := deps("js", "wasm")
	for _, pkg := range []string{"net/http", "crypto/tls", "crypto/x509", "mime/multipart"} {
		if has(browser, pkg) {
			t.Errorf("the browser build links %s", pkg)
		}
	}
	copyDir := filepath.Join(out, "go-app", "pkg", "app")
	if !slices.Contains(browser, goApp+"/pkg/app "+copyDir) {
		t.Errorf("the browser build does not use the copy in %s", copyDir)
	}
	if native := deps("linux", "amd64"); !has(native, "net/http") {
		t.Error("the native build lost net/http: the server needs go-app's handler")
	}
}

// The copy's browser file compiles with the rest of pkg/app (vet type-checks
// it), and the server files build natively only.
func TestTrimmedPackageTypeChecks(t *testing.T) {
	root, _ := filepath.Abs("../..")
	out := t.TempDir()
	if err := trim(root, out); err != nil {
		t.Fatal(err)
	}
	for _, goos := range []string{"js", "linux"} {
		goarch := map[string]string{"js": "wasm", "linux": "amd64"}[goos]
		cmd := exec.Command("go", "vet", "-modfile", filepath.Join(out, "go.mod"), goApp+"/pkg/app")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch)
		if b, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("go vet pkg/app (%s/%s): %v\n%s", goos, goarch, err, b)
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "go-app", "pkg", "app", "http.go"))
	if err != nil || !strings.HasPrefix(string(b), "//go:build !wasm\n") {
		t.Errorf("http.go is not limited to native builds: %.40q %v", b, err)
	}
}

// A go-app whose files no longer fit is refused with the reason, not
// half-trimmed.
func TestRefusesAnUnexpectedGoApp(t *testing.T) {
	write := func(dir, name, src string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const resource = "package app\n\nfunc clientResourceResolver(string) func(string) string { return nil }\n" +
		"func remoteLocation(string) bool { return false }\nfunc webLocation(string) bool { return false }\n"

	dir := t.TempDir()
	write(dir, "http.go", "package app\n")
	write(dir, "resource.go", resource)
	if err := leaveOutServer(dir); err != nil {
		t.Fatalf("a go-app that fits: %v", err)
	}
	if err := leaveOutServer(dir); err == nil || !strings.Contains(err.Error(), "build constraint") {
		t.Errorf("trimmed twice: got %v, want a build constraint error", err)
	}

	dir = t.TempDir()
	write(dir, "http.go", "package app\n")
	write(dir, "resource.go", strings.Replace(resource, "webLocation", "isWebLocation", 1))
	if err := leaveOutServer(dir); err == nil || !strings.Contains(err.Error(), "webLocation") {
		t.Errorf("a function gone: got %v, want it named", err)
	}
}

// The app.wasm that `make -f wasm.Makefile build` wrote was built against the
// trimmed copy: Go keeps function names in the binary (for tracebacks) even
// with -s -w, so the server's packages would show by name.
func TestBuiltWasmHasNoServer(t *testing.T) {
	b, err := os.ReadFile("../../web/app.wasm")
	if err != nil {
		t.Skip("web/app.wasm is not built (make -f wasm.Makefile build; `make … test` builds it first)")
	}
	if !bytes.Contains(b, []byte(goApp+"/pkg/app.")) {
		t.Fatal("web/app.wasm has no go-app function names: the check below would prove nothing")
	}
	for _, pkg := range []string{"net/http.", "crypto/tls.", "crypto/x509."} {
		if bytes.Contains(b, []byte(pkg)) {
			t.Errorf("web/app.wasm contains %s functions: it was not built against cmd/trimgoapp's go-app", pkg)
		}
	}
}
