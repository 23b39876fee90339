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
// the trainer then starts, and each remaining part is mounted in a render of
// its own, top to bottom. While the page starts, go-app's mounts themselves
// give the browser a turn at many points (mountPause), so that no task is
// long: the browser is free in between to paint and take input. The
// loader's cover or badge goes when the last part is in. The server still
// prerenders everything.
const (
	firstParts = 1 // the text box: what a phone shows first
	parts      = 9 // the sections, top to bottom: the index of part in Render
)

// sectionIDs are the page's sections (Render).
var sectionIDs = []string{"text", "model", "train", "ask", "vocab", "look", "share", "teacher", "glossary"}

// part groups the elements of one part of a section (section shows them
// once the section's part is rendered), each mounted in a task of its own
// while the page starts.
func (p *playground) part(ui ...app.UI) app.UI {
	paced := paced(ui)
	return app.Range(paced).Slice(func(j int) app.UI { return paced[j] })
}

// paced puts a mountPause between the elements of ui.
func paced(ui []app.UI) []app.UI {
	out := make([]app.UI, 0, 2*len(ui))
	for j, u := range ui {
		if j > 0 {
			out = append(out, &mountPause{})
		}
		out = append(out, u)
	}
	return out
}

// held is the min-height of section id while its part is not rendered yet,
// and through the render that mounts it: the height of the server's copy,
// which the first render replaces, so that what the reader sees does not
// move while the page fills in. The part is mounted with pauses, and go-app
// sets a card's style before it mounts the card's new part: a card that
// lost its height in the same render would be empty at those pauses.
func (p *playground) held(id string, i int) string {
	mounting := i == p.shown-1 && p.shown > firstParts // in a step, not in the first render
	if h := prerendered[id].height; h > 0 && starting && (i >= p.shown || mounting) {
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
		pause()
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
			starting = false // and every card its own height
			if lift := app.Window().Get("rnnLiftCover"); lift.Truthy() {
				lift.Invoke() // cmd/serve/loader.js
			}
			p.trainer.send(protocol.Command{Cmd: protocol.WarmUp})
		})
	}()
}

// YieldToBrowser lets the browser run its other tasks before the page's
// own start (Routes, then the first render): Go's start-up (the runtime,
// every package's initialisation) is then one task and the page's others,
// not all in one. It does nothing natively.
func YieldToBrowser() {
	if app.IsClient {
		starting = true
		pause()
	}
}

// starting is true on the page from Go's start until its last part is in.
// go-app mounts a render in one go, from a component's OnInit to its last
// element, and V8 compiles each function on its first call; while the page
// starts, it gives the browser a turn at many points of its mounts (pause),
// so that its start is many short tasks, not a few long ones.
var starting bool

var browserTurn func()

// mountPause is a point of a mount where the page gives the browser a turn
// while it starts: an empty text node. It stays in the page: go-app does not
// render it again, and a mountPause mounted later does not pause.
type mountPause struct{ app.Compo }

func (m *mountPause) Render() app.UI {
	pause()
	return app.Text("")
}

// pause gives the browser's event loop a turn while the page starts, and
// does nothing after: go-app renders from its event loop then, whose
// renders must not wait for the browser. It is called from go-app's event
// loop (a mount, OnMount) or before go-app starts, never from a JavaScript
// callback, which must return before the browser can take its turn.
func pause() {
	if !starting {
		return
	}
	if browserTurn == nil {
		browserTurn = yield.New()
	}
	browserTurn()
}
