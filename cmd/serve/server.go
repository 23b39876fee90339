//go:build !wasm

package main

import (
	"log"
	"net/http"

	"github.com/rnn-playground/rnn-playground/app"
)

func serve() {
	http.Handle("/", app.Handler("dev"))
	log.Println("serving on http://127.0.0.1:8000")
	log.Fatal(http.ListenAndServe("127.0.0.1:8000", nil))
}
