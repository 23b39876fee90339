package protocol

import (
	"bytes"
	"compress/flate"
	"encoding/base64"
	"io"
	"strings"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// A link carries the page's query. A short one stays in the URL's query,
// as links always did; a long one (a long text) travels compressed in the
// fragment, which the browser never sends to a server:
//
//	?text=We+are…&cell=lstm          the query form
//	#z=<base64url of the deflated query>
const (
	maxQueryForm = 2 << 10 // bytes of query a link keeps in its query form
	fragmentKey  = "z="
	// MaxLinkBytes is the longest address Chromium takes: a link past it
	// would not open.
	MaxLinkBytes = 2 << 20
	// maxInflated bounds what a fragment may expand to: the largest text,
	// percent-encoded, and the options. A bigger one is refused unread.
	maxInflated = 3*rnn.MaxTextBytes + 64<<10
)

// EncodeLink writes query as a link's search ("?…") or fragment ("#z=…");
// the other is empty.
func EncodeLink(query string) (search, fragment string) {
	if len(query) <= maxQueryForm {
		return "?" + query, ""
	}
	var b bytes.Buffer
	w, _ := flate.NewWriter(&b, flate.BestCompression)
	io.WriteString(w, query)
	w.Close()
	return "", "#" + fragmentKey + base64.RawURLEncoding.EncodeToString(b.Bytes())
}

// ErrBadFragment is a link's fragment that is not one the page wrote.
var ErrBadFragment = rnn.NewProblem(rnn.CodeBadFragment)

// DecodeLink is the query of a link whose search and fragment (with or
// without their leading ? and #) are given: the fragment's if it holds
// one, else the search's. A semicolon is no separator in the page's links
// (Go's url.ParseQuery refuses the query that holds one): typed by hand, as
// in goal=loss;below=0.5, it is read as part of its value.
func DecodeLink(search, fragment string) (string, error) {
	if len(search) > 0 && search[0] == '?' {
		search = search[1:]
	}
	search = strings.ReplaceAll(search, ";", "%3B")
	if len(fragment) > 0 && fragment[0] == '#' {
		fragment = fragment[1:]
	}
	if len(fragment) < len(fragmentKey) || fragment[:len(fragmentKey)] != fragmentKey {
		return search, nil
	}
	data, err := base64.RawURLEncoding.DecodeString(fragment[len(fragmentKey):])
	if err != nil {
		return "", ErrBadFragment
	}
	out, err := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(data)), maxInflated+1))
	switch {
	case err != nil:
		return "", ErrBadFragment
	case len(out) > maxInflated:
		return "", rnn.NewProblem(rnn.CodeLinkTooBig, maxInflated>>20)
	}
	return string(out), nil
}
