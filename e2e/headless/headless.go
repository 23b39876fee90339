// Package headless starts what every browser check here needs: headless
// Chromium with one set of flags, and the playground's own server built
// from the tree. The browser tests (e2e), the CSP test of cmd/serve and
// cmd/browserbench all start them through it.
package headless

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// Required reports whether a missing Chromium is a failure rather than a
// reason to skip: in CI (CI=true), where .ci/run installs it.
func Required() bool { return os.Getenv("CI") == "true" }

// Find is the path of Chromium on this machine, or "" when there is none.
func Find() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// Start runs headless Chromium (execPath, or Find's when empty) in a
// 1280×900 window and returns the context of its first tab; cancel stops
// the browser. Nothing in the flags lets the browser reach the network on
// its own (no component updates, sync or background fetches).
func Start(execPath string) (ctx context.Context, cancel func(), err error) {
	if execPath == "" {
		execPath = Find()
	}
	if execPath == "" {
		return nil, nil, errors.New("Chromium not found (apt-get install -y chromium)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(execPath),
		chromedp.NoSandbox, // the machines here run as root; the pages are our own
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 900),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	cancel = func() { cancelCtx(); cancelAlloc() }
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		return nil, nil, fmt.Errorf("starting Chromium: %w", err)
	}
	return ctx, cancel, nil
}

// Build compiles the command ./cmd/name of the module at root into dir and
// returns the binary's path.
func Build(root, dir, name string) (string, error) {
	bin := filepath.Join(dir, name)
	build := exec.Command("go", "build", "-o", bin, "./cmd/"+name)
	build.Dir, build.Stdout, build.Stderr = root, os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		return "", fmt.Errorf("building cmd/%s: %w", name, err)
	}
	return bin, nil
}

// Serve runs the server binary bin in dir on a free loopback port with
// args, and returns its base URL once it answers; stop interrupts it and
// waits for it to exit.
func Serve(bin, dir string, args ...string) (base string, stop func(), err error) {
	addr, err := FreeAddr()
	if err != nil {
		return "", nil, err
	}
	cmd := exec.Command(bin, append([]string{"-addr", addr}, args...)...)
	cmd.Dir, cmd.Stdout, cmd.Stderr = dir, os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		return "", nil, err
	}
	stop = func() { cmd.Process.Signal(os.Interrupt); cmd.Wait() }
	base = "http://" + addr
	if err := WaitHTTP(base+"/", 20*time.Second); err != nil {
		stop()
		return "", nil, err
	}
	return base, stop, nil
}

// FreeAddr is a loopback address no one listens on at the moment.
func FreeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// WaitHTTP waits until url answers, for at most timeout.
func WaitHTTP(url string, timeout time.Duration) error {
	for deadline := time.Now().Add(timeout); ; {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the server did not answer at %s: %w", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
