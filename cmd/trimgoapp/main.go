// Command trimgoapp writes the go-app that app.wasm is built against: the
// module go.mod requires, with its server side left out of the browser build.
//
// go-app's pkg/app keeps its HTTP handler (http.go, resource.go) in the
// browser build too. They import net/http, which brings TLS, x509, math/big
// and more into app.wasm: 0.45 MB of the 2.43 MB gzip a first visit
// downloads, for code the browser never runs. The copy written here is the
// same version, byte for byte, except that:
//
//   - http.go and resource.go build natively only (//go:build !wasm);
//   - a new file, browser_wasm.go, gives the browser build the few things
//     the rest of pkg/app uses from them: the Handler type (named, never
//     made, by wasm.go's GenerateStaticWebsite, which panics in the browser)
//     and the functions that resolve resource paths, copied from resource.go
//     as they are.
//
// It writes out/go-app (the module) and out/go.mod with out/go.sum (this
// module's, with a replace directive to the copy), for
// `go build -modfile out/go.mod`. If go-app changes shape so that this no
// longer applies, it stops with a message saying so rather than guessing.
//
// Usage: go run ./cmd/trimgoapp -out bin/browser
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const goApp = "github.com/maxence-charriere/go-app/v10"

// serverFiles are pkg/app's files that the browser build leaves out.
var serverFiles = []string{"http.go", "resource.go"}

// browserFuncs are the functions of the server files that the rest of
// pkg/app calls in the browser build (app.go resolves static resources).
var browserFuncs = []string{"clientResourceResolver", "remoteLocation", "webLocation"}

func main() {
	log.SetFlags(0)
	log.SetPrefix("trimgoapp: ")
	out := flag.String("out", "bin/browser", "directory to write the module copy and go.mod into")
	flag.Parse()
	if err := trim(".", *out); err != nil {
		log.Fatal(err)
	}
}

// trim writes the trimmed copy of the go-app that root's go.mod requires.
func trim(root, out string) error {
	out, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	src, err := moduleDir(root)
	if err != nil {
		return err
	}
	dst := filepath.Join(out, "go-app")
	if err := os.RemoveAll(dst); err != nil {
		return err
	}
	if err := copyModule(src, dst); err != nil {
		return err
	}
	if err := leaveOutServer(filepath.Join(dst, "pkg", "app")); err != nil {
		return fmt.Errorf("%v (go-app changed: review cmd/trimgoapp)", err)
	}
	return writeModFile(root, out, dst)
}

// moduleDir downloads go-app at the version go.mod requires, if it is not in
// the module cache yet, and returns its directory there.
func moduleDir(root string) (string, error) {
	cmd := exec.Command("go", "mod", "download", "-json", goApp)
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s: %v", goApp, err)
	}
	var m struct{ Dir, Error string }
	if err := json.Unmarshal(b, &m); err != nil || m.Dir == "" {
		return "", fmt.Errorf("go mod download %s: no directory (%s%v)", goApp, m.Error, err)
	}
	return m.Dir, nil
}

// copyModule copies what a build reads: go.mod, the license and pkg/ without
// its tests.
func copyModule(src, dst string) error {
	for _, f := range []string{"go.mod", "go.sum", "LICENSE"} {
		if err := copyFile(filepath.Join(src, f), filepath.Join(dst, f)); err != nil {
			return err
		}
	}
	return filepath.WalkDir(filepath.Join(src, "pkg"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(path, "_test.go") {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		return copyFile(path, filepath.Join(dst, rel))
	})
}

func copyFile(src, dst string) error {
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	return os.WriteFile(dst, b, 0o644) // the module cache's files are read-only
}

// leaveOutServer tags the server files !wasm and writes browser_wasm.go.
func leaveOutServer(dir string) error {
	fset := token.NewFileSet()
	funcs := map[string]*ast.FuncDecl{}
	for _, name := range serverFiles {
		path := filepath.Join(dir, name)
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, b, parser.ParseComments)
		if err != nil {
			return err
		}
		if head := b[:fset.Position(f.Package).Offset]; bytes.Contains(head, []byte("//go:build")) {
			return fmt.Errorf("%s has a build constraint already", name)
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil {
				funcs[fd.Name.Name] = fd
			}
		}
		if err := os.WriteFile(path, append([]byte("//go:build !wasm\n\n"), b...), 0o644); err != nil {
			return err
		}
	}

	var b bytes.Buffer
	b.WriteString(`//go:build wasm

// Written by RNN Playground's cmd/trimgoapp: the browser build leaves out
// http.go and resource.go (the server side, which imports net/http). These
// are what the rest of the package uses from them there.

package app

import "strings"

// Handler is the server's handler; the browser build only names it
// (wasm.go's GenerateStaticWebsite) and never makes one.
type Handler struct{}
`)
	for _, name := range browserFuncs {
		fd, ok := funcs[name]
		if !ok {
			return fmt.Errorf("func %s is no longer in %v", name, serverFiles)
		}
		b.WriteString("\n")
		if err := format.Node(&b, fset, fd); err != nil {
			return err
		}
		b.WriteString("\n")
	}
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "browser_wasm.go"), src, 0o644)
}

// writeModFile writes out/go.mod and out/go.sum: root's, with go-app
// replaced by the copy in dir.
func writeModFile(root, out, dir string) error {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return err
	}
	if bytes.Contains(mod, []byte("replace "+goApp)) {
		return fmt.Errorf("go.mod replaces %s already", goApp)
	}
	mod = fmt.Appendf(mod, "\n// Written by cmd/trimgoapp: go-app without its server side, for app.wasm.\nreplace %s => %s\n", goApp, dir)
	if err := os.WriteFile(filepath.Join(out, "go.mod"), mod, 0o644); err != nil {
		return err
	}
	return copyFile(filepath.Join(root, "go.sum"), filepath.Join(out, "go.sum"))
}
