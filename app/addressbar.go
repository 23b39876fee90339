package app

import (
	"net/url"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// maxLinkBytes bounds the query the page writes into the address bar. A
// link is for sharing; a long text (the playground takes up to 4 MB) would
// make a URL that chat apps and browsers cut or refuse.
const maxLinkBytes = 32 << 10

// showInAddressBar makes the address bar's query say query, without adding
// a history entry, so that copying the URL copies the run. A query over
// maxLinkBytes loses its text (the other options stay) and the returned
// note says so.
func showInAddressBar(query string) (note string) {
	if len(query) > maxLinkBytes {
		if v, err := url.ParseQuery(query); err == nil {
			v.Del("text")
			query = v.Encode()
		}
		note = "This text is too long to keep in the link: the link has the other options, and opens with the notebook's sentence."
	}
	defer func() {
		if recover() != nil { // the browser refused the URL: keep the old one
			note = "The link could not be updated: the address bar may show older options."
		}
	}()
	app.Window().Get("history").Call("replaceState", nil, "", "?"+query)
	return note
}
