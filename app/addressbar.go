package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// linkQuery is the query of the link the page was opened with: its
// fragment's if it holds the compressed form (protocol.EncodeLink), else
// its query. A damaged fragment gives the defaults and a notice.
func linkQuery() (query string, err error) {
	u := app.Window().URL()
	return protocol.DecodeLink(u.RawQuery, u.Fragment)
}

// linkAddress is the address of the page with query, in the link's short
// or compressed form.
func linkAddress(query string) string {
	search, fragment := protocol.EncodeLink(query)
	loc := app.Window().Get("location")
	if !loc.Truthy() {
		return search + fragment
	}
	return loc.Get("origin").String() + loc.Get("pathname").String() + search + fragment
}

// showInAddressBar makes the address bar say query, without adding a
// history entry, so that copying the URL copies the run. A link too long
// for a browser to open is not written, and the returned note says so.
func showInAddressBar(query string) (note string) {
	address := linkAddress(query)
	if len(address) > protocol.MaxLinkBytes {
		return T("This text is too long for a link, even compressed: share the text as a file, or export the model.")
	}
	defer func() {
		if recover() != nil { // the browser refused the URL: keep the old one
			note = T("The link could not be updated: the address bar may show older options.")
		}
	}()
	app.Window().Get("history").Call("replaceState", nil, "", address)
	return note
}
