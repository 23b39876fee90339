package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestParseRefuses(t *testing.T) {
	for _, args := range [][]string{
		{"-url", "http://192.0.2.1:8000"}, // not this machine
		{"-url", "http://10.0.0.1:8000"},
		{"-c", "0"},
		{"-c", "100000"},
		{"-d", "0s"},
		{"-d", "2h"},
		{"-rounds", "0"},
	} {
		if _, err := parse(args); err == nil {
			t.Errorf("parse(%q): no error", args)
		}
	}
	if _, err := parse([]string{"-url", "http://127.0.0.1:1", "-c", "10", "-d", "1s"}); err != nil {
		t.Errorf("loopback refused: %v", err)
	}
}

// TestRunCounts runs a short round against a stub: every request counted,
// a failing path reported as an error.
func TestRunCounts(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Write([]byte("ok"))
	}))
	defer srv.Close()
	settle = 0

	var out strings.Builder
	if err := run([]string{"-url", srv.URL, "-c", "4", "-d", "200ms", "-paths", "/,/a"}, &out); err != nil {
		t.Fatalf("run: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), " 0 errors") || !strings.Contains(out.String(), "4 connections opened") {
		t.Errorf("want no errors over 4 connections:\n%s", out.String())
	}

	out.Reset()
	err := run([]string{"-url", srv.URL, "-c", "2", "-d", "200ms", "-paths", "/,/missing"}, &out)
	if err == nil || !strings.Contains(out.String(), "404 Not Found") {
		t.Errorf("a 404 went unreported: err %v\n%s", err, out.String())
	}
}
