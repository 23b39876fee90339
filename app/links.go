package app

import (
	"net/url"
	"slices"
	"sort"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Classroom is the part of a link that sets up the page rather than the
// run, as TensorFlow Playground's flags do:
//
//	?…&view=gradient&hide=layers,opt,seed&lang=ko
//
// view is the teaching view that is open, hide the controls a teacher
// hides from the class, lang the page's language.
type Classroom struct {
	View string
	Hide []string // sorted, each in hideable
	Lang string   // "", English or Korean
}

// views are the teaching views, in the order of their tabs.
var views = []string{"softmax", "cell", "unrolled", "gradient", "compare"}

// hideable are the controls a link can hide; web/views.css has a rule for
// each (TestEveryHideableControlHasACSSRule).
var hideable = []string{
	// the cards
	"text", "model", "train", "ask", "vocab", "look", "share", "lessons", "teacher",
	// the options
	"tok", "cell", "layers", "embed", "hidden", "opt", "lr", "clip", "seed", "steps", "window", "batch",
	// training and views
	"step", "reset", "pace", "change", "timeline", "runs", "log", "loss", "compare", "lang",
}

// DecodeClassroom reads view, hide and lang from a URL query. Like
// protocol.DecodeQuery it never fails: unknown values are left out and explained.
func DecodeClassroom(query string) (Classroom, []string) {
	var c Classroom
	var msgs []string
	values, _ := url.ParseQuery(query) // protocol.DecodeQuery reports a broken query
	if v := strings.ToLower(strings.TrimSpace(values.Get("view"))); v != "" {
		if slices.Contains(views, v) {
			c.View = v
		} else {
			msgs = append(msgs, Tf("view=%s is not a view; the views are %s.", protocol.QuoteShort(v), strings.Join(views, ", ")))
		}
	}
	var unknown []string
	for _, list := range values["hide"] {
		for _, h := range strings.Split(list, ",") {
			h = strings.ToLower(strings.TrimSpace(h))
			switch {
			case h == "":
			case !slices.Contains(hideable, h):
				unknown = append(unknown, protocol.QuoteShort(h))
			case !slices.Contains(c.Hide, h):
				c.Hide = append(c.Hide, h)
			}
		}
	}
	sort.Strings(c.Hide)
	if len(unknown) > 0 {
		msgs = append(msgs, Tf("hide= names controls this page does not have: %s.", strings.Join(unknown, ", ")))
	}
	if l := strings.ToLower(values.Get("lang")); l != "" {
		if l == English || l == Korean {
			c.Lang = l
		} else {
			msgs = append(msgs, Tf("lang=%s is not a language of this page (en, ko).", protocol.QuoteShort(l)))
		}
	}
	return c, msgs
}

// Query writes the non-empty parts, in protocol.PageKeys order, to follow the
// settings' query.
func (c Classroom) Query() string {
	var parts []string
	if c.View != "" {
		parts = append(parts, "view="+url.QueryEscape(c.View))
	}
	if len(c.Hide) > 0 {
		parts = append(parts, "hide="+strings.Join(c.Hide, ","))
	}
	if c.Lang != "" {
		parts = append(parts, "lang="+c.Lang)
	}
	return strings.Join(parts, "&")
}

// hiddenFromClass counts the controls the link hides from the class (the
// teacher's own panel is not one).
func (c Classroom) hiddenFromClass() int {
	n := len(c.Hide)
	if c.Hidden("teacher") {
		n--
	}
	return n
}

// Hidden reports whether the link hides control.
func (c Classroom) Hidden(control string) bool { return slices.Contains(c.Hide, control) }

// hideClasses are the page's classes that hide the controls (web/views.css).
func (c Classroom) hideClasses() []string {
	out := make([]string, len(c.Hide))
	for i, h := range c.Hide {
		out[i] = "hide-" + h
	}
	return out
}

// link is the page's whole query: the run, then the classroom.
func link(s protocol.Settings, c Classroom) string {
	if q := c.Query(); q != "" {
		return s.Query() + "&" + q
	}
	return s.Query()
}

// pickPageLang sets the page's language: the link's lang= if it names one,
// then the reader's last choice, then the browser's languages.
func pickPageLang(query string) {
	values, _ := url.ParseQuery(query)
	uiLang = pickLang([]string{values.Get("lang"), storedLang()}, browserLangs())
	// A screen reader's voice, and Korean line breaking (web/style.css).
	// Chromium restyles the whole page when the root's lang is set, even to
	// the value it has: the server's copy says "en", and the loader sets
	// the language it foresees (cmd/serve/loader.js).
	if !app.IsClient {
		return
	}
	if root := app.Window().Get("document").Get("documentElement"); root.Get("lang").String() != uiLang {
		root.Set("lang", uiLang)
	}
}

// initClassroom reads the link's view, hide and lang.
func (p *playground) initClassroom(query string) {
	var msgs []string
	p.class, msgs = DecodeClassroom(query)
	p.notices = append(p.notices, msgs...)
}

// sharePanel is the "Share" card: the link of this run and view, the
// model as a file, and the run as PyTorch code.
type sharePanel struct {
	app.Compo

	Link        string // the page's query
	Settings    protocol.Settings
	ModelMsg    string
	ModelDetail string
	Models      modeler

	copied bool
}

func (s *sharePanel) Render() app.UI {
	label := T("Copy link")
	address := linkAddress(s.Link)
	tooLong := len(address) > protocol.MaxLinkBytes
	if s.copied {
		label = T("Link copied")
	}
	return app.Div().Class("share").Body(
		app.Div().Class("link-row").Body(
			app.Label().For("share-link").Class("sr-only").Text(T("Link to this run")),
			app.Input().Type("text").ID("share-link").Class("link-input").ReadOnly(true).
				Value(address).
				OnFocus(func(ctx app.Context, e app.Event) { ctx.JSSrc().Call("select") }),
			app.Button().Type("button").ID("copy-link").Class("btn").Text(label).Disabled(tooLong).
				OnClick(func(ctx app.Context, e app.Event) {
					copyText(address)
					s.copied = true
				}, app.EventScope(address)), // go-app keeps a handler until its scope changes
		),
		app.If(s.copied || tooLong, func() app.UI {
			return app.P().ID("link-holds").Class("hint").Attr("role", "status").Text(linkHolds(s.Link, address))
		}),
		app.P().Class("hint").Text(T("The link holds the text, every option and the open view. To hide controls from a class, or to ask a question and set goals, make the link in “For teachers” below.")),
		&modelPanel{Message: s.ModelMsg, Detail: s.ModelDetail, Models: s.Models},
		&pytorchPanel{Settings: s.Settings},
	)
}

// linkHolds says what the link of query, written as address, carries.
func linkHolds(query, address string) string {
	text := len(query) // an upper bound of the text's share, enough for a size in KB
	switch {
	case len(address) > protocol.MaxLinkBytes:
		return Tf("No link: even compressed, this text (%d KB) makes a link longer than a browser opens. Share the text as a file, or export the model.", text>>10)
	case strings.Contains(address, "#"):
		return Tf("The link holds the text (%d KB, compressed in the link), every option and the open view.", text>>10)
	}
	return T("The link holds the text, every option and the open view.")
}

// classroomBar sits in the page's header: the lessons and the language.
type classroomBar struct {
	app.Compo

	Class Classroom
}

func (b *classroomBar) Render() app.UI {
	return app.Div().Class("classroom-bar").Body(
		&lessonsMenu{Lang: b.Class.Lang},
		&langSwitch{},
	)
}
