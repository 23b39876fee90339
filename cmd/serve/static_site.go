//go:build !wasm

package main

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	goapp "github.com/maxence-charriere/go-app/v10/pkg/app"
)

// validPrefix is a URL path of plain segments, like GitHub repository
// names: it is written into HTML and JavaScript, so nothing that needs
// escaping gets in.
var validPrefix = regexp.MustCompile(`^(/[A-Za-z0-9._-]+)*$`)

// cleanPrefix turns "rnn-playground", "/rnn-playground/" or "" into
// "/rnn-playground" or "".
func cleanPrefix(prefix string) (string, error) {
	p := strings.TrimRight(strings.TrimSpace(prefix), "/")
	if p != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !validPrefix.MatchString(p) || strings.Contains(p, "/.") {
		return "", fmt.Errorf("prefix %q: want a URL path such as /rnn-playground (letters, digits, '.', '_', '-')", prefix)
	}
	return p, nil
}

func cleanPrefixOrEmpty(prefix string) string {
	p, _ := cleanPrefix(prefix)
	return p
}

// writeStaticSite writes the playground into out as plain files for a
// static host (GitHub Pages) serving it under prefix: go-app's pages and
// scripts, resolved under the prefix, and a copy of web/ (app.wasm,
// worker.js, styles, icons). Precompressed variants are left out: GitHub
// Pages compresses by itself and would serve them as plain files.
func writeStaticSite(out, dir, prefix string) error {
	p, err := cleanPrefix(prefix)
	if err != nil {
		return err
	}
	web, err := openStaticDir(filepath.Join(dir, "web"))
	if err != nil {
		return err
	}
	wasm, err := web.wasm()
	if err != nil {
		return err
	}
	h := appHandler(wasm, p)
	// Pages sends no headers of ours: the policy travels in the page.
	h.RawHeaders = append(h.RawHeaders,
		`<meta http-equiv="Content-Security-Policy" content="`+contentSecurityPolicy(true)+`">`)
	if err := goapp.GenerateStaticWebsite(out, h); err != nil {
		return fmt.Errorf("static site: %w", err)
	}
	if err := amendStaticSite(out, p); err != nil {
		return fmt.Errorf("static site: %w", err)
	}
	if err := copyWebFiles(web.root.FS(), filepath.Join(out, "web")); err != nil {
		return fmt.Errorf("static site: copying web/: %w", err)
	}
	// Pages published from a branch runs Jekyll, which drops some files; this opts out.
	return os.WriteFile(filepath.Join(out, ".nojekyll"), nil, 0o644)
}

// copyWebFiles copies the regular files of src into dst, overwriting,
// without hidden files or precompressed variants.
func copyWebFiles(src fs.FS, dst string) error {
	return fs.WalkDir(src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if name != "." && strings.HasPrefix(base, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, filepath.FromSlash(name))
		switch {
		case d.IsDir():
			return os.MkdirAll(target, 0o755)
		case !d.Type().IsRegular(), strings.HasSuffix(base, ".gz"), strings.HasSuffix(base, ".br"):
			return nil
		}
		return copyFile(src, name, target)
	})
}

func copyFile(src fs.FS, name, target string) error {
	in, err := src.Open(name)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(target)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// amendStaticSite makes the files go-app wrote into out what the live
// server sends (amended): app.js with the playground's loader, the pages
// as the browser should read them.
func amendStaticSite(out, prefix string) error {
	return filepath.WalkDir(out, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		var amend func([]byte) ([]byte, error)
		switch {
		case name == filepath.Join(out, "app.js"):
			amend = func(b []byte) ([]byte, error) { return withOwnLoader(b, prefix) }
		case strings.HasSuffix(name, ".html"):
			amend = func(b []byte) ([]byte, error) { return fixPrerendered(b), nil }
		default:
			return nil
		}
		b, err := os.ReadFile(name)
		if err == nil {
			b, err = amend(b)
		}
		if err == nil {
			err = os.WriteFile(name, b, 0o644)
		}
		return err
	})
}
