package e2e

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// mappedDirs are the folders whose every source file README's map names.
var mappedDirs = []string{"rnn", "app/protocol", "app/trainer", "cmd/serve", "e2e/headless"}

// fileExt are the endings that make a name in code type a file's.
var fileExt = map[string]bool{".go": true, ".js": true, ".md": true, ".py": true, ".sh": true, ".txt": true, ".json": true, ".css": true, ".html": true}

// TestReadmeMapMatchesTheTree reads README's "How it is built": every path
// it names exists, and every source file of mappedDirs is named. A name
// without a folder (`layer.go`) is in the folder last named before it on
// its bullet, or the bullet's own (`rnn/`).
func TestReadmeMapMatchesTheTree(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	doc := string(b)
	start := strings.Index(doc, "## How it is built")
	if start < 0 {
		t.Fatal(`README has no "## How it is built"`)
	}
	section := doc[start:]
	if end := strings.Index(section[1:], "\n## "); end >= 0 {
		section = section[:end+1]
	}
	named := map[string]bool{}
	dir := "."
	code := regexp.MustCompile("`([^`\\s]+)`")
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "- ") {
			dir = "."
		}
		for _, m := range code.FindAllStringSubmatch(line, -1) {
			if !strings.Contains(m[1], "/") && !fileExt[filepath.Ext(m[1])] {
				continue // a word in code type, not a path
			}
			name := strings.TrimSuffix(m[1], "/")
			p := name
			if !strings.Contains(m[1], "/") {
				p = filepath.Join(dir, name)
			}
			matches, _ := filepath.Glob(filepath.Join("..", p))
			if len(matches) == 0 {
				t.Errorf("README names %s (read as %s), which is not in the tree", m[1], p)
				continue
			}
			if info, err := os.Stat(matches[0]); err == nil && info.IsDir() {
				dir = p
			}
			for _, f := range matches {
				named[filepath.ToSlash(strings.TrimPrefix(f, ".."+string(filepath.Separator)))] = true
			}
		}
	}
	for _, d := range mappedDirs {
		files, err := filepath.Glob(filepath.Join("..", d, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("%s: no Go files (%v)", d, err)
		}
		for _, f := range files {
			rel := filepath.ToSlash(strings.TrimPrefix(f, ".."+string(filepath.Separator)))
			if !strings.HasSuffix(rel, "_test.go") && !named[rel] {
				t.Errorf("README's map does not name %s", rel)
			}
		}
	}
}
