// Command loadtest holds many keep-alive connections to an RNN Playground
// server on this machine and reports errors, latency and the server's
// memory (resident set size, read from /proc).
//
//	make -f wasm.Makefile loadtest      # 500 connections for 30 s, server started and stopped for you
//	loadtest -url http://127.0.0.1:8000 -c 500 -d 30s -pid $(pidof serve)
//
// Each connection loads what a student's browser loads, in turn: the page,
// app.js, wasm_exec.js, the stylesheet and app.wasm (gzip). Only loopback
// addresses are accepted: this is a test of our server, never of a network.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

type config struct {
	base     *url.URL
	conns    int
	duration time.Duration
	rounds   int
	pid      int
	paths    []string
}

func parse(args []string) (config, error) {
	flags := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	rawURL := flags.String("url", "http://127.0.0.1:8000", "server to load (loopback only)")
	conns := flags.Int("c", 500, "concurrent connections (1–5000)")
	duration := flags.Duration("d", 30*time.Second, "duration of one round (at most 10m)")
	rounds := flags.Int("rounds", 1, "rounds, with a pause between: memory that grows round after round is a leak")
	pid := flags.Int("pid", 0, "server process id, to report its memory (0: not reported)")
	paths := flags.String("paths", "/,/app.js,/wasm_exec.js,/web/style.css,/web/app.wasm", "comma-separated paths, loaded in turn")
	if err := flags.Parse(args); err != nil {
		return config{}, err
	}
	c := config{conns: *conns, duration: *duration, rounds: *rounds, pid: *pid, paths: strings.Split(*paths, ",")}
	switch {
	case c.conns < 1 || c.conns > 5000:
		return c, fmt.Errorf("-c %d: want 1–5000", c.conns)
	case c.duration <= 0 || c.duration > 10*time.Minute:
		return c, fmt.Errorf("-d %v: want at most 10m", c.duration)
	case c.rounds < 1 || c.rounds > 10:
		return c, fmt.Errorf("-rounds %d: want 1–10", c.rounds)
	}
	u, err := url.Parse(*rawURL)
	if err != nil {
		return c, err
	}
	if err := requireLoopback(u.Hostname()); err != nil {
		return c, err
	}
	c.base = u
	return c, nil
}

// requireLoopback refuses any host that is not this machine.
func requireLoopback(host string) error {
	ips, err := net.LookupIP(host)
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s resolves to %s: only loopback addresses may be loaded", host, ip)
		}
	}
	return nil
}

// result is one round's tally.
type result struct {
	requests, errors, bytes, newConns atomic.Int64
	status                            sync.Map // int → *atomic.Int64
	mu                                sync.Mutex
	latencies                         []time.Duration
	firstErrors                       []string
}

func (r *result) fail(msg string) {
	r.errors.Add(1)
	r.mu.Lock()
	if len(r.firstErrors) < 5 {
		r.firstErrors = append(r.firstErrors, msg)
	}
	r.mu.Unlock()
}

// settle is the pause after a round before the server's memory is read
// again: time to close connections and collect garbage.
var settle = 5 * time.Second

func run(args []string, out io.Writer) error {
	c, err := parse(args)
	if err != nil {
		return err
	}
	client := newClient()
	if err := waitUntilUp(client, c.base.String()); err != nil {
		return err
	}
	fmt.Fprintf(out, "loadtest: %s, %d connections, %v per round, %d round(s)\n", c.base, c.conns, c.duration, c.rounds)
	fmt.Fprintf(out, "server RSS before: %s\n", rss(c.pid))
	for round := 1; round <= c.rounds; round++ {
		r, peak := loadRound(c)
		report(out, round, c, r, peak)
		if r.errors.Load() > 0 {
			return fmt.Errorf("round %d: %d errors", round, r.errors.Load())
		}
		time.Sleep(settle)
		fmt.Fprintf(out, "server RSS %v after round %d: %s\n", settle, round, rss(c.pid))
	}
	return nil
}

// loadRound runs c.conns workers for c.duration and samples the server's
// memory every second; it returns the tally and the peak RSS seen.
func loadRound(c config) (*result, int64) {
	r := &result{}
	ctx, cancel := context.WithTimeout(context.Background(), c.duration)
	defer cancel()
	var peak atomic.Int64
	go func() {
		for t := time.NewTicker(time.Second); ; {
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-t.C:
				if kb := rssKB(c.pid); kb > peak.Load() {
					peak.Store(kb)
				}
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range c.conns {
		wg.Go(func() {
			client := newClient() // one connection per worker, kept alive
			defer client.CloseIdleConnections()
			var lat []time.Duration
			for i := w; ctx.Err() == nil; i++ {
				lat = append(lat, fetch(ctx, client, c.base.String()+c.paths[i%len(c.paths)], r))
			}
			r.mu.Lock()
			r.latencies = append(r.latencies, lat...)
			r.mu.Unlock()
		})
	}
	wg.Wait()
	return r, peak.Load()
}

// fetch loads one URL as a browser would (gzip accepted), reads the whole
// body and counts the outcome. A request cut by the end of the round is
// not an error.
func fetch(ctx context.Context, client *http.Client, u string, r *result) time.Duration {
	start := time.Now()
	trace := &httptrace.ClientTrace{GotConn: func(info httptrace.GotConnInfo) {
		if !info.Reused {
			r.newConns.Add(1)
		}
	}}
	req, _ := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodGet, u, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	res, err := client.Do(req)
	if err != nil {
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			r.fail(err.Error())
		}
		return time.Since(start)
	}
	n, err := io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if err != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
		r.fail(u + ": " + err.Error())
	}
	r.bytes.Add(n)
	counter, _ := r.status.LoadOrStore(res.StatusCode, new(atomic.Int64))
	counter.(*atomic.Int64).Add(1)
	if res.StatusCode != http.StatusOK {
		r.fail(fmt.Sprintf("%s: %s", u, res.Status))
	}
	r.requests.Add(1)
	return time.Since(start)
}

func report(out io.Writer, round int, c config, r *result, peakKB int64) {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(p*float64(len(r.latencies)-1))].Round(time.Millisecond)
	}
	var codes []string
	r.status.Range(func(k, v any) bool {
		codes = append(codes, fmt.Sprintf("%d×%d", k, v.(*atomic.Int64).Load()))
		return true
	})
	slices.Sort(codes)
	n := r.requests.Load()
	fmt.Fprintf(out, "round %d: %d requests (%.0f/s), %d errors, status %s, %.1f MB received, %d connections opened\n",
		round, n, float64(n)/c.duration.Seconds(), r.errors.Load(), strings.Join(codes, " "),
		float64(r.bytes.Load())/1e6, r.newConns.Load())
	fmt.Fprintf(out, "round %d: latency p50 %v, p99 %v, max %v; server RSS peak %s\n",
		round, pct(0.50), pct(0.99), pct(1), formatKB(peakKB))
	for _, e := range r.firstErrors {
		fmt.Fprintln(out, "  error:", e)
	}
}

// newClient holds one keep-alive connection: each worker is one browser
// connection, so c workers are c concurrent connections.
func newClient() *http.Client {
	return &http.Client{
		Timeout: 60 * time.Second,
		Transport: &http.Transport{
			MaxConnsPerHost:     1,
			MaxIdleConnsPerHost: 1,
			DisableCompression:  true, // ask for gzip ourselves and count the bytes sent
			DialContext:         (&net.Dialer{Timeout: 10 * time.Second}).DialContext,
		},
	}
}

// waitUntilUp polls the server for up to 10 s: the make target starts it
// just before.
func waitUntilUp(client *http.Client, u string) error {
	var err error
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var res *http.Response
		if res, err = client.Get(u); err == nil {
			res.Body.Close()
			return nil
		}
	}
	return fmt.Errorf("server not answering: %w", err)
}

// rssKB reads VmRSS of pid from /proc (Linux), 0 if unknown.
func rssKB(pid int) int64 {
	if pid <= 0 {
		return 0
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &kb)
			return kb
		}
	}
	return 0
}

func rss(pid int) string { return formatKB(rssKB(pid)) }

func formatKB(kb int64) string {
	if kb == 0 {
		return "unknown (pass -pid)"
	}
	return fmt.Sprintf("%.1f MB", float64(kb)/1024)
}
