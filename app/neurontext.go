package app

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// neuronText is Karpathy's and LSTMVis' picture for the traced sequence:
// the text with each token's background coloured by one unit's value at
// that step (a hidden unit, the cell state or a gate). Clicking two tokens
// selects a span, and "Find units" ranks the units whose value inside the
// span differs most from outside it: a way to look for a unit that tracks
// a word, a space or the end of a line.
type neuronText struct {
	app.Compo

	Trace     *protocol.TraceData
	Text      *protocol.TraceData // the states over the student's text, once asked for
	TextError string
	Palette   string
	Viewer    viewer

	mine  bool   // show the student's text rather than the traced sequence
	typed string // the text in the box
	layer int
	part  string // "h", "c", or a gate's name
	unit  int
	asked int    // a unit asked for out of range, shown as unit instead; -1: none
	span  [2]int // the selected steps, first and last; -1 when none
	at    int    // the token the Tab key reaches; the arrows move it
	found []unitScore
	focus keptFocus // the token focused when a render replaces them
}

// unitScore is a unit's mean inside the span minus its mean outside.
type unitScore struct {
	Unit  int
	Score float64
}

func (n *neuronText) OnInit() { n.part, n.span, n.asked = "h", [2]int{-1, -1}, -1 }

func (n *neuronText) OnUpdate(ctx app.Context) { n.refocused(ctx) }

// refocused gives the focus back to the token that had it, once a render
// has replaced the tokens.
func (n *neuronText) refocused(ctx app.Context) {
	ctx.Defer(func(app.Context) { n.focus.refocus() })
}

// source is the trace the text shows: the traced sequence, or the
// student's own text once its states have come.
func (n *neuronText) source() *protocol.TraceData {
	if n.mine && n.Text != nil && len(n.Text.Layers) == len(n.Trace.Layers) {
		return n.Text
	}
	return n.Trace
}

// rows is the (T, units) matrix of the chosen layer and part.
func (n *neuronText) rows() ([][]protocol.Num, bool) {
	d := n.source()
	if n.layer >= len(d.Layers) {
		n.layer = 0
	}
	l := d.Layers[n.layer]
	switch n.part {
	case "h", "":
		return l.H, true
	case "c":
		return l.C, true
	}
	for _, g := range l.Gates {
		if g.Name == n.part {
			return g.V, g.Name == "g" || g.Name == "n"
		}
	}
	return l.H, true
}

func (n *neuronText) Render() app.UI {
	d := n.source()
	rows, diverging := n.rows()
	if len(rows) == 0 || len(rows[0]) == 0 {
		return nil
	}
	units := len(rows[0])
	n.unit = min(max(n.unit, 0), units-1)
	pal, s := blueOrange, scaleFor(rows, diverging)
	if !diverging {
		pal = paletteNamed(n.Palette)
	}
	parts := []string{"h"}
	if d.Layers[n.layer].C != nil {
		parts = append(parts, "c")
	}
	for _, g := range d.Layers[n.layer].Gates {
		parts = append(parts, g.Name)
	}
	var options []app.UI
	for _, p := range parts {
		options = append(options, app.Option().Value(p).Selected(p == n.part).Text(p))
	}
	var layerOptions []app.UI
	for k := range d.Layers {
		layerOptions = append(layerOptions, app.Option().Value(k).Selected(k == n.layer).Text(Tf("layer %d", k+1)))
	}
	n.at = min(max(n.at, 0), n.lastToken())
	// One Tab stop for the whole text, as a toolbar: its 64 tokens would
	// stand between the controls above and the units found below.
	var m markup
	m.open("p", "id", "nt-text", "class", "nt-text", "data-source", map[bool]string{true: "mine", false: "trace"}[d != n.Trace],
		"role", "toolbar", "aria-label", T("Tokens of the text"))
	for t, tok := range d.Tokens {
		if t >= len(rows) {
			break
		}
		v := float64(rows[t][n.unit])
		c := pal.at(s.unit(v))
		class := "nt-token"
		if n.span[0] >= 0 && t >= n.span[0] && t <= n.span[1] {
			class += " nt-span"
		}
		tab := -1
		if t == n.at {
			tab = 0
		}
		m.open("button", "type", "button", "class", class, "id", fmt.Sprintf("nt-t-%d", d.Offset+t), "data-t", d.Offset+t, "tabindex", tab,
			"data-v", strconv.FormatFloat(v, 'g', -1, 64), "style", "background: "+css(c)+"; color: "+inkOn(c),
			"title", fmt.Sprintf("t=%d %s: %s[%d] = %.4f", d.Offset+t, quoteToken(d.Tokens, t), n.part, n.unit, v)).
			text(showToken(tok)).close("button")
	}
	m.close("p")
	n.focus.note("nt-t-")
	return app.Div().Class("neuron-text").Body(
		app.H3().Text(T("Neurons over the text")),
		app.P().Class("hint").Text(T("Each token's background is one unit's value at that step. Click two tokens (or move with the arrow keys and press Enter) to select a span, then find the units that react to it most.")),
		app.Div().Class("radio-row").Body(
			app.If(len(d.Layers) > 1, func() app.UI {
				return app.Select().ID("nt-layer").Aria("label", T("Layer")).Body(layerOptions...).
					OnChange(func(ctx app.Context, e app.Event) {
						n.layer, _ = strconv.Atoi(ctx.JSSrc().Get("value").String())
						n.found = nil
					})
			}),
			app.Select().ID("nt-part").Aria("label", T("Part of the cell")).Body(options...).
				OnChange(func(ctx app.Context, e app.Event) { n.part, n.found = ctx.JSSrc().Get("value").String(), nil }),
			app.Label().For("nt-unit").Text(T("unit")),
			app.Input().Type("number").ID("nt-unit").Attr("min", 0).Attr("max", units-1).Value(n.unit).
				Aria("describedby", "nt-unit-range").
				OnChange(func(ctx app.Context, e app.Event) {
					// Out of range, the box shows the unit drawn, not what was typed.
					u, _ := strconv.Atoi(ctx.JSSrc().Get("value").String())
					n.unit, n.asked = min(max(u, 0), units-1), -1
					if u != n.unit {
						n.asked = u
					}
					ctx.JSSrc().Set("value", n.unit)
				}),
			app.Span().ID("nt-unit-range").Class("hint").Text(unitRange(units, d.Layers[n.layer].Hidden)),
		),
		app.If(n.asked >= 0, func() app.UI {
			return app.P().ID("nt-unit-asked").Class("hint").Attr("role", "status").
				Text(Tf("Unit %d is not traced: unit %d is shown.", n.asked, n.unit))
		}),
		app.Div().Class("nt-own").Body(
			app.Input().Type("text").ID("nt-own-text").Class("nt-own-text").Aria("label", T("Your text")).
				Placeholder(T("Type a text to colour, e.g. We are going")).Value(n.typed).
				OnInput(func(ctx app.Context, e app.Event) { n.typed = ctx.JSSrc().Get("value").String() }),
			app.Button().Type("button").ID("nt-own-go").Class("btn", "btn-small").Text(T("Colour this text")).
				OnClick(func(ctx app.Context, e app.Event) {
					n.mine, n.span, n.found = true, [2]int{-1, -1}, nil
					n.Viewer.traceText(ctx, n.typed)
				}),
			app.If(n.mine, func() app.UI {
				return app.Button().Type("button").ID("nt-own-back").Class("btn", "btn-small").Text(T("Back to the traced sequence")).
					OnClick(func(ctx app.Context, e app.Event) { n.mine, n.span, n.found = false, [2]int{-1, -1}, nil })
			}),
		),
		app.If(n.mine && n.TextError != "", func() app.UI {
			return app.P().ID("nt-own-error").Class("field-error").Attr("role", "alert").Text(n.TextError)
		}),
		app.Div().OnClick(n.onToken).OnKeyDown(n.onTokenKey).Body(m.UI()),
		// After the text, where a span has just been chosen.
		app.P().Class("nt-find").Body(
			app.Button().Type("button").ID("nt-find").Class("btn", "btn-small").Text(T("Find units")).
				Disabled(n.span[0] < 0).OnClick(func(ctx app.Context, e app.Event) {
				rows, _ := n.rows() // now: go-app may keep a handler made at an earlier render
				n.found = rankUnits(rows, n.span)
			}),
		),
		app.If(len(n.found) > 0, func() app.UI {
			var items []app.UI
			for _, u := range n.found {
				u := u
				items = append(items, app.Li().Body(app.Button().Type("button").Class("btn", "btn-small", "nt-found").
					DataSet("unit", u.Unit).DataSet("score", strconv.FormatFloat(u.Score, 'g', -1, 64)).
					Text(Tf("unit %d (%+.3f)", u.Unit, u.Score)).
					OnClick(func(ctx app.Context, e app.Event) { n.unit, n.asked = u.Unit, -1 }, app.EventScope(strconv.Itoa(u.Unit)))))
			}
			return app.Div().Body(
				app.P().Class("hint").Text(T("The units whose mean inside the span differs most from their mean outside it:")),
				app.Ol().ID("nt-found").Class("nt-found-list").Body(items...),
			)
		}),
	)
}

// unitRange says which units the box takes: the trace holds the first
// units of a large layer only.
func unitRange(units, hidden int) string {
	if units < hidden {
		return Tf("0 to %d: the first %d of %d units are traced", units-1, units, hidden)
	}
	return Tf("0 to %d", units-1)
}

// onToken selects a span from the tokens clicked: the first click starts
// it, the second ends it, a third starts anew.
func (n *neuronText) onToken(ctx app.Context, e app.Event) {
	b := eventTarget(e, ".nt-token")
	if !b.Truthy() {
		return
	}
	t, err := strconv.Atoi(b.Get("dataset").Get("t").String())
	if err != nil {
		return
	}
	t -= n.source().Offset
	n.at = t
	switch {
	case n.span[0] < 0 || n.span[0] != n.span[1]:
		n.span = [2]int{t, t}
	default:
		n.span = [2]int{min(n.span[0], t), max(n.span[0], t)}
	}
	n.found = nil
	n.refocused(ctx)
}

// onTokenKey moves the focus along the tokens: the arrows by one, Home
// and End to the ends.
func (n *neuronText) onTokenKey(ctx app.Context, e app.Event) {
	b := eventTarget(e, ".nt-token")
	if !b.Truthy() {
		return
	}
	d, last := n.source(), n.lastToken()
	to := n.at
	switch e.Get("key").String() {
	case "ArrowRight", "ArrowDown":
		to++
	case "ArrowLeft", "ArrowUp":
		to--
	case "Home":
		to = 0
	case "End":
		to = last
	default:
		return
	}
	e.PreventDefault()
	n.at = min(max(to, 0), last)
	if el := app.Window().GetElementByID(fmt.Sprintf("nt-t-%d", d.Offset+n.at)); el.Truthy() {
		el.Call("focus")
	}
	n.refocused(ctx)
}

// lastToken is the index of the text's last token drawn: a token has its
// states' row.
func (n *neuronText) lastToken() int {
	rows, _ := n.rows()
	return min(len(n.source().Tokens), len(rows)) - 1
}

// rankUnits scores every unit by its mean over the span's steps minus its
// mean over the others, and keeps the five of largest size. A span of the
// whole sequence compares against nothing: the means themselves.
func rankUnits(rows [][]protocol.Num, span [2]int) []unitScore {
	if len(rows) == 0 || span[0] < 0 {
		return nil
	}
	var out []unitScore
	for u := range rows[0] {
		var in, outside float64
		var nin, nout int
		for t, r := range rows {
			if t >= span[0] && t <= span[1] {
				in, nin = in+float64(r[u]), nin+1
			} else {
				outside, nout = outside+float64(r[u]), nout+1
			}
		}
		score := in / float64(max(nin, 1))
		if nout > 0 {
			score -= outside / float64(nout)
		}
		out = append(out, unitScore{u, score})
	}
	sort.SliceStable(out, func(a, b int) bool { return math.Abs(out[a].Score) > math.Abs(out[b].Score) })
	return out[:min(5, len(out))]
}
