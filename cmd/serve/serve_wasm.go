//go:build wasm

package main

// serve is empty in the browser build: the HTTP server stays out of app.wasm.
func serve() {}
