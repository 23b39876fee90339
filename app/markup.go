package app

import (
	"html"
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// markup writes a view's many elements as text, which app.Raw mounts in
// one call from Go into JavaScript. go-app mounts an element with a call
// for it, one for each attribute, text and handler: the unrolled network
// and the neurons over the text were a thousand calls, and two long tasks
// of the main thread at each trace. Their handlers go on a parent, which
// finds the element from the event's target (eventTarget).
type markup struct{ b strings.Builder }

// open writes a start tag; attrs are name, value pairs, each value a
// string, an int or a float64.
func (m *markup) open(tag string, attrs ...any) *markup { return m.tag(tag, attrs, ">") }

// empty writes an SVG element without content: <tag …/>.
func (m *markup) empty(tag string, attrs ...any) *markup { return m.tag(tag, attrs, "/>") }

func (m *markup) tag(tag string, attrs []any, end string) *markup {
	m.b.WriteByte('<')
	m.b.WriteString(tag)
	m.attrs(attrs)
	m.b.WriteString(end)
	return m
}

func (m *markup) text(s string) *markup {
	m.b.WriteString(html.EscapeString(s))
	return m
}

func (m *markup) close(tag string) *markup {
	m.b.WriteString("</")
	m.b.WriteString(tag)
	m.b.WriteByte('>')
	return m
}

func (m *markup) attrs(attrs []any) {
	for i := 0; i+1 < len(attrs); i += 2 {
		var v string
		switch x := attrs[i+1].(type) {
		case string:
			v = x
		case int:
			v = strconv.Itoa(x)
		case float64:
			v = strconv.FormatFloat(x, 'g', -1, 64)
		default:
			panic("markup: an attribute's value is a string, an int or a float64")
		}
		m.b.WriteByte(' ')
		m.b.WriteString(attrs[i].(string))
		m.b.WriteString(`="`)
		m.b.WriteString(html.EscapeString(v))
		m.b.WriteByte('"')
	}
}

// UI is the markup, mounted: it must be a single element.
func (m *markup) UI() app.UI { return app.Raw(m.b.String()) }

// eventTarget is the element an event happened in, or in one of whose
// children, that matches selector: a falsy Value when none.
func eventTarget(e app.Event, selector string) app.Value {
	return e.Get("target").Call("closest", selector)
}

// keptFocus notes, before a render replaces markup, the id of its element
// that has the keyboard's focus; refocus gives the focus back to the new
// element of that id. Without it, a reader moving through the cells with
// the keyboard would lose the focus at each trace.
type keptFocus struct{ id string }

func (f *keptFocus) note(prefix string) {
	f.id = ""
	if !app.IsClient {
		return
	}
	if a := app.Window().Get("document").Get("activeElement"); a.Truthy() {
		if id := a.Get("id").String(); strings.HasPrefix(id, prefix) {
			f.id = id
		}
	}
}

func (f *keptFocus) refocus() {
	if f.id == "" {
		return
	}
	doc := app.Window().Get("document")
	if el := doc.Call("getElementById", f.id); el.Truthy() && !el.Equal(doc.Get("activeElement")) {
		el.Call("focus", map[string]any{"preventScroll": true})
	}
	f.id = ""
}
