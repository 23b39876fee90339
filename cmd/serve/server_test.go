//go:build !wasm

package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// listen starts a real server on a loopback port with the given limits.
func listen(t *testing.T, h http.Handler, l limits) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(h, l)
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return ln.Addr().String()
}

// closedByServer reads conn until the server closes it. It fails the test if
// the server keeps it open for as long as the guard; the guard is a bound on
// a broken test, not a measurement.
func closedByServer(t *testing.T, conn net.Conn, guard time.Duration) string {
	t.Helper()
	conn.SetReadDeadline(time.Now().Add(guard))
	b, err := io.ReadAll(conn)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		t.Fatalf("the server kept the connection open for %v", guard)
	}
	return string(b)
}

func TestTimeoutsCloseSlowClients(t *testing.T) {
	l := limits{ReadHeader: 200 * time.Millisecond, Read: 500 * time.Millisecond,
		Write: time.Second, Idle: 300 * time.Millisecond, MaxHeaderBytes: defaultLimits.MaxHeaderBytes}
	addr := listen(t, newTestSite(t), l)
	dial := func() net.Conn {
		conn, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { conn.Close() })
		return conn
	}

	t.Run("slowloris: headers never finished", func(t *testing.T) {
		conn := dial()
		io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\nX-a: 1\r\n")
		if got := closedByServer(t, conn, 10*time.Second); strings.Contains(got, "200 OK") {
			t.Fatalf("answered an unfinished request: %q", got)
		}
	})
	t.Run("silent connection", func(t *testing.T) {
		closedByServer(t, dial(), 10*time.Second)
	})
	t.Run("idle keep-alive", func(t *testing.T) {
		conn := dial()
		io.WriteString(conn, "GET /web/fixture.css HTTP/1.1\r\nHost: x\r\n\r\n")
		if got := closedByServer(t, conn, 10*time.Second); !strings.HasPrefix(got, "HTTP/1.1 200 OK") {
			t.Fatalf("response %.40q, want 200 then a close", got)
		}
	})
}

func TestHeaderLimit(t *testing.T) {
	addr := listen(t, newTestSite(t), defaultLimits)
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	huge := strings.Repeat("a", 4*defaultLimits.MaxHeaderBytes)
	go io.WriteString(conn, "GET / HTTP/1.1\r\nHost: x\r\nCookie: "+huge+"\r\n\r\n")
	conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	res, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Fatalf("status %d, want 431", res.StatusCode)
	}
}

func TestShutdownFinishesRequestsInFlight(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "done")
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- serveUntilDone(ctx, newServer(slow, defaultLimits), ln, 10*time.Second) }()

	got := make(chan string, 1)
	go func() {
		res, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel() // as SIGTERM does
	// New connections are refused once shutdown has begun.
	for deadline := time.Now().Add(5 * time.Second); ; {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			break
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections after shutdown began")
		}
		time.Sleep(10 * time.Millisecond)
	}
	close(release)
	if b := <-got; b != "done" {
		t.Errorf("request in flight got %q, want \"done\"", b)
	}
	if err := <-served; err != nil {
		t.Errorf("serveUntilDone: %v", err)
	}
}

// syncBuffer collects what run prints while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitForURL waits until run has printed the URL to open.
func waitForURL(t *testing.T, out *syncBuffer, done <-chan error) string {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		select {
		case err := <-done:
			t.Fatalf("run returned early: %v\n%s", err, out.String())
		default:
		}
		if _, u, ok := strings.Cut(out.String(), "open "); ok {
			return strings.TrimSpace(strings.SplitN(u, "\n", 2)[0])
		}
	}
	t.Fatalf("no URL printed: %q", out.String())
	return ""
}

func TestSIGTERMStopsTheServer(t *testing.T) {
	dir := newSiteDir(t)
	out := &syncBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- runUntilSignal([]string{"-addr", "127.0.0.1:0", "-dir", dir}, out)
	}()
	url := waitForURL(t, out, done)
	res, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %d", url, res.StatusCode)
	}
	// The handler is installed before the URL is printed, so this signal
	// reaches it rather than ending the test binary.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("still serving 20 s after SIGTERM")
	}
	if _, err := http.Get(url); err == nil {
		t.Error("still answering after shutdown")
	}
}

func TestRunRefusesBadFlags(t *testing.T) {
	dir := newSiteDir(t)
	for _, args := range [][]string{
		{"-no-such-flag"},
		{"extra-argument"},
		{"-prefix", "/rnn-playground"}, // only with -static
		{"-addr", "not an address", "-dir", dir},
		{"-dir", t.TempDir()}, // no web/app.wasm
		{"-static", t.TempDir(), "-dir", dir, "-prefix", "/a b"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // a run that wrongly starts serving returns at once
		if err := run(ctx, args, io.Discard); err == nil {
			t.Errorf("run %q: no error", args)
		}
	}
}

func TestURLsToOpen(t *testing.T) {
	tests := []struct {
		addr  *net.TCPAddr
		first string
		only  bool
	}{
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8000}, "http://127.0.0.1:8000/", true},
		{&net.TCPAddr{IP: net.IPv6loopback, Port: 8000}, "http://[::1]:8000/", true},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 8000}, "http://127.0.0.1:8000/", false}, // ":8000": then the LAN addresses
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 9}, "http://127.0.0.1:9/", false},
	}
	for _, tt := range tests {
		urls := urlsToOpen(tt.addr)
		if len(urls) == 0 || urls[0] != tt.first || (tt.only && len(urls) != 1) {
			t.Errorf("urlsToOpen(%v) = %q, want %q first", tt.addr, urls, tt.first)
		}
		for _, u := range urls[1:] {
			if strings.Contains(u, "127.0.0.1") || strings.Contains(u, "[") {
				t.Errorf("urlsToOpen(%v): %s is not a LAN IPv4 address", tt.addr, u)
			}
		}
	}
}

// smallBuffers keeps the kernel from holding much of a response, so that
// the server's writes wait for the client's reads as on a slow network.
type smallBuffers struct{ net.Listener }

func (l smallBuffers) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetWriteBuffer(64 << 10)
	}
	return c, err
}

func TestSlowReaderGetsTheFileStalledReaderIsCut(t *testing.T) {
	dir := newSiteDir(t)
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<17) // 2 MiB, a stand-in for app.wasm
	if err := os.WriteFile(filepath.Join(dir, "web", "big.bin"), big, 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := newSite(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer func(g time.Duration) { writeGrace = g }(writeGrace)
	writeGrace = 500 * time.Millisecond
	l := limits{ReadHeader: time.Second, Read: time.Second, Write: 500 * time.Millisecond, Idle: time.Second,
		MaxHeaderBytes: defaultLimits.MaxHeaderBytes}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := newServer(h, l)
	go srv.Serve(smallBuffers{ln})
	defer srv.Close()

	// download reads big.bin in 32 KiB pieces, sleeping pause(i) before piece i.
	download := func(pause func(i int) time.Duration) int {
		conn, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		conn.(*net.TCPConn).SetReadBuffer(64 << 10)
		conn.SetDeadline(time.Now().Add(30 * time.Second)) // a bound on a broken test
		io.WriteString(conn, "GET /web/big.bin HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		res, err := http.ReadResponse(bufio.NewReaderSize(conn, 4<<10), nil)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		buf, total := make([]byte, 32<<10), 0
		for i := 0; ; i++ {
			time.Sleep(pause(i))
			n, err := io.ReadFull(res.Body, buf)
			total += n
			if err != nil {
				return total
			}
		}
	}

	// 64 pieces, 20 ms apart: over a second in all, twice the WriteTimeout.
	if got := download(func(int) time.Duration { return 20 * time.Millisecond }); got != len(big) {
		t.Errorf("a client that keeps reading got %d of %d bytes", got, len(big))
	}
	// One piece, then silence for four times the grace: the server gives up.
	stalled := func(i int) time.Duration {
		if i == 1 {
			return 4 * writeGrace
		}
		return 0
	}
	if got := download(stalled); got >= len(big) {
		t.Errorf("a client that stopped reading still got all %d bytes", got)
	}
}

// An old-style link with a long text gets a page that says why and how,
// not a bare status line.
func TestLongLinkGetsAReadablePage(t *testing.T) {
	addr := listen(t, newTestSite(t), defaultLimits)
	res, err := http.Get("http://" + addr + "/?text=" + strings.Repeat("word+", 95000/5))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusRequestHeaderFieldsTooLarge || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") ||
		!strings.Contains(string(body), "Copy link") || !strings.Contains(string(body), "링크 복사") {
		t.Errorf("status %d, type %q, body %.200q", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	ok, err := http.Get("http://" + addr + "/?text=" + strings.Repeat("word+", 1000))
	if err != nil {
		t.Fatal(err)
	}
	ok.Body.Close()
	if ok.StatusCode != http.StatusOK {
		t.Errorf("a 5 KB link: status %d", ok.StatusCode)
	}
}
