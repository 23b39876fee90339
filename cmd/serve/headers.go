//go:build !wasm

package main

import (
	"net/http"
	"strings"
)

// cspDirectives allow exactly what the playground uses, all from its own
// origin: go-app's scripts (no inline script), compiling app.wasm
// ('wasm-unsafe-eval', in the page and in the training Worker), the Worker
// and service worker scripts, fetches of app.wasm, the manifest, the icons,
// and style attributes (go-app sets Style(...) through setAttribute, which
// style-src-attr governs). Everything else, plugins and framing included,
// is refused.
var cspDirectives = []string{
	"default-src 'none'",
	"script-src 'self' 'wasm-unsafe-eval'",
	"worker-src 'self'",
	"connect-src 'self'",
	"style-src 'self'",
	"style-src-attr 'unsafe-inline'",
	"img-src 'self'",
	"font-src 'self'",
	"manifest-src 'self'",
	"base-uri 'none'",
	"form-action 'self'",
	"frame-ancestors 'none'",
}

// contentSecurityPolicy is the policy as a header. In a <meta> tag (the
// static site: GitHub Pages sets no headers) frame-ancestors is ignored
// with a console warning, so metaTag leaves it out.
func contentSecurityPolicy(metaTag bool) string {
	var d []string
	for _, s := range cspDirectives {
		if metaTag && strings.HasPrefix(s, "frame-ancestors") {
			continue
		}
		d = append(d, s)
	}
	return strings.Join(d, "; ")
}

// securityHeaders go on every response, pages and files alike: a Worker
// script and the service worker take their policy from their own response.
var securityHeaders = map[string]string{
	"Content-Security-Policy":      contentSecurityPolicy(false),
	"X-Content-Type-Options":       "nosniff",
	"Referrer-Policy":              "no-referrer",
	"X-Frame-Options":              "DENY",
	"Cross-Origin-Opener-Policy":   "same-origin",
	"Cross-Origin-Resource-Policy": "same-origin",
	"Permissions-Policy":           "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

func withSecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range securityHeaders {
			w.Header().Set(k, v)
		}
		next.ServeHTTP(w, r)
	})
}
