//go:build !wasm

package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"
)

// serve runs the native command: the HTTP server, or (-static) the writer of
// the static site for GitHub Pages.
func serve() {
	if err := runUntilSignal(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "serve:", err)
		os.Exit(1)
	}
}

// runUntilSignal is run until SIGINT (Ctrl-C) or SIGTERM, which shut the
// server down gracefully.
func runUntilSignal(args []string, out io.Writer) error {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return run(ctx, args, out)
}

// limits bound what one client can hold: a slow client (slowloris) is cut
// off after ReadHeader/Read/Write, an idle keep-alive after Idle.
type limits struct {
	ReadHeader, Read, Write, Idle time.Duration
	MaxHeaderBytes                int
	Shutdown                      time.Duration // grace for requests in flight on SIGINT/SIGTERM
}

// defaultLimits leave a minute to download app.wasm (2 MB gzip) over a slow
// classroom Wi-Fi; no request needs more. The page writes long texts into
// the link's fragment, which never reaches a server, so a query stays
// short; an older link with a long text is answered by a readable page
// (longLinkPage) up to MaxHeaderBytes, past that by Go's bare 431, and by
// the service worker with the cached page (see app-worker.js).
var defaultLimits = limits{
	ReadHeader:     5 * time.Second,
	Read:           10 * time.Second,
	Write:          60 * time.Second,
	Idle:           60 * time.Second,
	MaxHeaderBytes: 256 << 10,
	Shutdown:       10 * time.Second,
}

func newServer(h http.Handler, l limits) *http.Server {
	return &http.Server{
		Handler:           refuseLongLinks(h),
		ReadHeaderTimeout: l.ReadHeader,
		ReadTimeout:       l.Read,
		WriteTimeout:      l.Write,
		IdleTimeout:       l.Idle,
		MaxHeaderBytes:    l.MaxHeaderBytes,
	}
}

// run parses args and serves until ctx is done, or writes the static site.
func run(ctx context.Context, args []string, out io.Writer) error {
	flags := flag.NewFlagSet("serve", flag.ContinueOnError)
	flags.SetOutput(out)
	addr := flags.String("addr", "127.0.0.1:8000", "listen address; \":8000\" serves the classroom LAN too")
	dir := flags.String("dir", ".", "folder that holds web/ (with web/app.wasm built)")
	static := flags.String("static", "", "write a static site into this folder (for GitHub Pages) instead of serving")
	prefix := flags.String("prefix", "", "with -static: URL path the site lives under, e.g. /rnn-playground")
	flags.Usage = func() {
		fmt.Fprintln(out, "usage: serve [-addr host:port] [-dir folder]\n       serve -static dist [-prefix /repo] [-dir folder]")
		flags.PrintDefaults()
	}
	if err := flags.Parse(args); errors.Is(err, flag.ErrHelp) {
		return nil // -h: the usage is the answer
	} else if err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (flags only; see -h)", flags.Arg(0))
	}

	if *static != "" {
		if err := writeStaticSite(*static, *dir, *prefix); err != nil {
			return err
		}
		fmt.Fprintf(out, "wrote the static site to %s for https://USER.github.io%s/\n", *static, cleanPrefixOrEmpty(*prefix))
		return nil
	}
	if *prefix != "" {
		return errors.New("-prefix needs -static (the live server always serves at /)")
	}

	site, err := newSite(*dir)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("%w (is another server using that port? choose another with -addr, or ADDR=… with make)", err)
	}
	for _, u := range urlsToOpen(ln.Addr().(*net.TCPAddr)) {
		fmt.Fprintln(out, "RNN Playground: open", u)
	}
	return serveUntilDone(ctx, newServer(site, defaultLimits), ln, defaultLimits.Shutdown)
}

// serveUntilDone serves on ln until ctx is done, then lets requests in flight
// finish (up to grace) before returning.
func serveUntilDone(ctx context.Context, srv *http.Server, ln net.Listener, grace time.Duration) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		srv.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// urlsToOpen lists the addresses a browser can use: the loopback one, and
// for a wildcard listen (":8000", a teacher's classroom) the machine's LAN
// addresses that students type.
func urlsToOpen(a *net.TCPAddr) []string {
	url := func(ip net.IP) string {
		return "http://" + net.JoinHostPort(ip.String(), fmt.Sprint(a.Port)) + "/"
	}
	if !a.IP.IsUnspecified() {
		return []string{url(a.IP)}
	}
	urls := []string{url(net.IPv4(127, 0, 0, 1))}
	addrs, _ := net.InterfaceAddrs()
	for _, ia := range addrs {
		if ipn, ok := ia.(*net.IPNet); ok && !ipn.IP.IsLoopback() && ipn.IP.To4() != nil {
			urls = append(urls, url(ipn.IP))
		}
	}
	return urls
}

// maxRequestURI bounds the address a request may ask for: a few pages of
// text in an old-style link. The page itself never asks for more.
const maxRequestURI = 64 << 10

// refuseLongLinks answers a request for a longer address with a page that
// says why, in both of the playground's languages, instead of serving it.
func refuseLongLinks(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if len(r.RequestURI) > maxRequestURI {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.WriteHeader(http.StatusRequestHeaderFieldsTooLarge)
			io.WriteString(w, longLinkPage)
			return
		}
		h.ServeHTTP(w, r)
	})
}

const longLinkPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>This link is too long - RNN Playground</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5">
<h1>This link is too long for a server</h1>
<p>It carries its text in the part of the address that is sent to the server, and this one is over 64 KB.
Links that RNN Playground makes today carry long texts compressed after <code>#</code>, which browsers never send:
open the playground, paste the text into it, and copy the new link with <strong>Copy link</strong>.</p>
<p><a href="/">Open RNN Playground</a></p>
<h1 lang="ko">링크가 서버에 보내기에는 너무 깁니다</h1>
<p lang="ko">이 링크는 서버로 보내지는 주소 부분에 텍스트를 담고 있고, 그 길이가 64 KB를 넘습니다.
지금의 RNN Playground는 긴 텍스트를 브라우저가 보내지 않는 <code>#</code> 뒤에 압축해서 담습니다:
플레이그라운드를 열고 텍스트를 붙여 넣은 다음 <strong>링크 복사</strong>로 새 링크를 만드세요.</p>
<p lang="ko"><a href="/">RNN Playground 열기</a></p>
</body></html>
`
