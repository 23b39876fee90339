package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/rnn-playground/rnn-playground/e2e/headless"
)

// startPlayground builds cmd/serve natively and runs it, as `make -f
// wasm.Makefile run` does, on a copy of web/ in tmp to which it adds the
// trainer-only page (bench/playground/, served as /web/bench.html): that page
// is measurement code, so the product's web/ does not hold it and neither the
// server nor the static site publishes it. Its worker.js and app.wasm are
// still the server's own, from the same origin. It returns the base URL.
func startPlayground(root, tmp string) (base string, stop func(), err error) {
	if _, err := os.Stat(filepath.Join(root, "web", "app.wasm")); err != nil {
		return "", nil, errors.New("web/app.wasm is missing: build it first with `make -f wasm.Makefile build`")
	}
	site := filepath.Join(tmp, "site")
	if err := copyFlat(filepath.Join(root, "web"), filepath.Join(site, "web"), false); err != nil {
		return "", nil, fmt.Errorf("copying web/: %w", err)
	}
	if err := copyFlat(filepath.Join(root, "bench", "playground"), filepath.Join(site, "web"), true); err != nil {
		return "", nil, fmt.Errorf("adding bench/playground/: %w", err)
	}
	bin, err := headless.Build(root, tmp, "serve")
	if err != nil {
		return "", nil, err
	}
	return headless.Serve(bin, root, "-dir", site)
}

// copyFlat copies the files of src into dst, keeping their modification
// times: the server sends app.wasm's precompressed variants only if they are
// not older than app.wasm. A folder in src is an error (web/ has none; one
// added later should not go missing from the run), and so, with exclusive,
// is a file dst already holds.
func copyFlat(src, dst string, exclusive bool) error {
	entries, err := os.ReadDir(src)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dst, 0o755); err != nil {
		return err
	}
	for _, e := range entries {
		if e.IsDir() {
			return fmt.Errorf("%s is a folder: only files are copied", filepath.Join(src, e.Name()))
		}
		if !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			return err
		}
		data, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			return err
		}
		target := filepath.Join(dst, e.Name())
		flags := os.O_WRONLY | os.O_CREATE | os.O_TRUNC
		if exclusive {
			flags |= os.O_EXCL
		}
		f, err := os.OpenFile(target, flags, 0o644)
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		if err := os.Chtimes(target, info.ModTime(), info.ModTime()); err != nil {
			return err
		}
	}
	return nil
}

// startFiles serves dir (bench/: the anchor pages and their node_modules) on
// loopback. Nothing is fetched from elsewhere.
func startFiles(dir string) (base string, stop func(), err error) {
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "@tensorflow", "tfjs")); err != nil {
		return "", nil, fmt.Errorf("%s/node_modules is not installed: run `npm ci` in bench/", dir)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	srv := &http.Server{Handler: http.FileServer(http.Dir(dir)), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	stop = func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	}
	return "http://" + ln.Addr().String(), stop, nil
}

// gzipSize is the size of url's body as a gzip-only host (GitHub Pages)
// would send it: the server's own gzip variant if it has one, else the body
// compressed with gzip -9.
func gzipSize(client *http.Client, url string) (int64, error) {
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return 0, errNotFound // the browser's own guess, such as /favicon.ico
	}
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("%s: %s", url, resp.Status)
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if resp.Header.Get("Content-Encoding") == "gzip" {
		return int64(len(body)), nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	zw.Write(body)
	zw.Close()
	return int64(buf.Len()), nil
}

var errNotFound = errors.New("not found")

// rawClient leaves Content-Encoding alone, so gzipSize sees the bytes sent.
var rawClient = &http.Client{Transport: &http.Transport{DisableCompression: true}, Timeout: 30 * time.Second}
