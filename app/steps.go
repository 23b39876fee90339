package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/app/yield"
)

// The page renders in steps. Mounted at once, the whole page held a
// browser's main thread for one long task (~150 ms here, four times that on
// a school laptop) while the server's prerendered copy was already on the
// screen. In the browser the first render is the top of the page, the text
// box and the other sections as cards as tall as the server's, showing the
// server's copy of their parts where it is in view (inert: it is not live);
// the trainer then starts, and each remaining part is mounted in a task of
// its own, top to bottom, with the browser free in between to paint and
// take input. The loader's cover or badge goes when the last part is in.
// The server still prerenders everything.
const (
	firstParts = 1 // the text box: what a phone shows first
	parts      = 9 // the sections, top to bottom: the index of part in Render
)

// sectionIDs are the page's sections (Render).
var sectionIDs = []string{"text", "model", "train", "ask", "vocab", "look", "share", "teacher", "glossary"}

// part groups the elements of one part of a section (section shows them
// once the section's part is rendered).
func (p *playground) part(ui ...app.UI) app.UI {
	return app.Range(ui).Slice(func(j int) app.UI { return ui[j] })
}

// held is the min-height of section id while its part is not rendered yet:
// the height of the server's copy, which the first render replaces, so that
// what the reader sees does not move while the page fills in.
func (p *playground) held(id string, i int) string {
	if h := prerendered[id].height; h > 0 && i >= p.shown {
		return strconv.Itoa(h) + "px"
	}
	return ""
}

// copyOf is the server's copy of section id's body, inert, while its part
// is not rendered yet; nothing where the copy was not in view (the loader
// covered it: the app shows something else), nor for a card more than a
// screen below the screen: its part comes before a reader scrolls that
// far, and a copy is elements the browser lays out only to replace them.
// (A card just below still has it: a reader may scroll on while the first
// render is built, and a card in view must not empty.)
func (p *playground) copyOf(id string) app.UI {
	if html := prerendered[id].body; html != "" {
		return app.Raw(`<div class="copy-part" inert>` + html + `</div>`)
	}
	return nil
}

// prerendered holds the server's copy's sections as they were when Go
// started (Routes).
var prerendered map[string]copySection

type copySection struct {
	height int    // pixels
	body   string // the HTML after its title, where the copy is in view and near the screen
}

// prerenderedSections reads the sections of the server's copy of the page,
// still in the document while the first render is built (the browser has
// laid it out already: it is on the screen).
func prerenderedSections() map[string]copySection {
	if !app.IsClient {
		return nil
	}
	sections := map[string]copySection{}
	doc := app.Window().Get("document")
	shown := doc.Get("documentElement").Get("classList").Call("contains", "rnn-copy").Bool() // cmd/serve/loader.js
	screen := app.Window().Get("innerHeight").Float()
	for _, id := range sectionIDs {
		e := doc.Call("getElementById", id)
		if !e.Truthy() {
			continue
		}
		s := copySection{height: e.Get("offsetHeight").Int()}
		if top := e.Call("getBoundingClientRect").Get("top").Float(); shown && top < 2*screen {
			for c := e.Get("firstElementChild").Get("nextElementSibling"); c.Truthy(); c = c.Get("nextElementSibling") {
				s.body += c.Get("outerHTML").String()
			}
		}
		sections[id] = s
	}
	return sections
}

// marked marks the page's main element in the browser: aria-busy while parts
// are still to come, then data-rendered="all" (which the browser tests wait
// for: the server's copy has the same elements, but is not live).
func (p *playground) marked(main app.HTMLMain) app.HTMLMain {
	switch {
	case app.IsServer:
		return main
	case p.shown < parts:
		return main.Aria("busy", true)
	default:
		return main.DataSet("rendered", "all")
	}
}

// renderInSteps starts the trainer, then renders the remaining parts, one
// render each, every one after a yield to the browser, then lets the
// trainer warm up: its warm-up would take the machine's other core from the
// page's rendering.
func (p *playground) renderInSteps(ctx app.Context) {
	yield := yield.New()
	step := func(f func(ctx app.Context)) {
		yield()
		rendered := make(chan struct{})
		ctx.Dispatch(func(ctx app.Context) {
			f(ctx)
			ctx.Defer(func(app.Context) { close(rendered) })
		})
		<-rendered
	}
	go func() {
		step(p.start)
		for p.shown < parts {
			step(func(app.Context) { p.shown++ })
		}
		ctx.Dispatch(func(app.Context) {
			if lift := app.Window().Get("rnnLiftCover"); lift.Truthy() {
				lift.Invoke() // cmd/serve/loader.js
			}
			p.trainer.send(protocol.Command{Cmd: protocol.WarmUp})
		})
	}()
}

// YieldToBrowser lets the browser run its other tasks before the page's
// first render: Go's start-up (the runtime, every package's initialisation)
// is then one task and the first render others, not all in one. It does
// nothing natively.
func YieldToBrowser() {
	if app.IsClient {
		firstMount = true
		pause()
	}
}

// firstMount is true on the page until its first render is mounted. go-app
// mounts it in one go, from the page's OnInit to its last element, and
// compiles each function on its first call; the page gives the browser a
// turn at a few points of it (pause), so that the first render is a few
// short tasks, not one long one.
var firstMount bool

var browserTurn func()

// mountPause is a point of the first render's mount where the page gives
// the browser a turn: an empty text node, gone from the next render.
type mountPause struct{ app.Compo }

func (m *mountPause) Render() app.UI {
	pause()
	return app.Text("")
}

// pause gives the browser's event loop a turn while the first render is
// mounted, and does nothing after: go-app renders from its event loop
// then, which must not wait for the browser.
func pause() {
	if !firstMount {
		return
	}
	if browserTurn == nil {
		browserTurn = yield.New()
	}
	browserTurn()
}
