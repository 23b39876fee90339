//go:build !wasm

package main

import (
	"bytes"
	"html"
	"regexp"
	"strconv"
	"strings"
)

// The server's copy of the page is what a student sees while app.wasm
// loads, so it must show the form as the app will: go-app writes it the way
// it sets properties in the browser, which HTML reads differently.

// falseBoolean matches a boolean attribute go-app wrote as name="false":
// in HTML its presence alone means true (a radio button checked, a details
// open). Enumerated attributes such as spellcheck="false" are not in the list.
var falseBoolean = regexp.MustCompile(`\s(?:checked|selected|open|disabled|hidden|readonly|required|multiple|autofocus|inert)="false"`)

// textareaValue matches a textarea whose text go-app wrote as a value
// attribute (quoted as a Go string, strconv.Quote), which HTML ignores: a
// textarea's text is its content.
var textareaValue = regexp.MustCompile(`(<textarea\b[^>]*?)\svalue=("(?:[^"\\]|\\.)*")([^>]*>)</textarea>`)

// fixPrerendered returns page, the HTML go-app prerendered, as the browser
// should read it: no boolean attribute that is false, and each textarea's
// text as its content.
func fixPrerendered(page []byte) []byte {
	page = falseBoolean.ReplaceAll(page, nil)
	return textareaValue.ReplaceAllFunc(page, func(m []byte) []byte {
		g := textareaValue.FindSubmatch(m)
		text, err := strconv.Unquote(string(g[2]))
		if err != nil {
			return m
		}
		if strings.HasPrefix(text, "\n") {
			text = "\n" + text // HTML drops a textarea's first newline
		}
		var b bytes.Buffer
		b.Write(g[1])
		b.Write(g[3])
		b.WriteString(html.EscapeString(text))
		b.WriteString("</textarea>")
		return b.Bytes()
	})
}
