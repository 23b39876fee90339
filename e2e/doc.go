// Package e2e holds the browser tests: they start the real server
// (cmd/serve) on a free port and drive the playground in headless Chromium
// through the DevTools protocol (chromedp).
//
// They need web/app.wasm (make -f wasm.Makefile build) and Chromium
// (Debian: apt-get install chromium). Without Chromium they skip, unless
// CI=true, where they fail.
package e2e
