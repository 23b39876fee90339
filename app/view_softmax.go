package app

import (
	"fmt"
	"math"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// softmaxView is the notebook's output.softmax(-1): one row per time step,
// labelled by its input token, one column per vocabulary token, each cell
// the probability that this token comes next. The argmax of each row (the
// prediction) is outlined and the target marked. A switch shows softmax(0)
// and softmax(1) as the notebook's cells In[10]–In[13] do.
// maxTableRows bounds the rows of the softmax table; beyond maxTableCells
// cells it is drawn on a canvas instead: thousands of table cells take the
// page hundreds of milliseconds to update while training.
const (
	maxTableRows  = 32
	maxTableCells = 240
)

type softmaxView struct {
	app.Compo

	Trace   *protocol.TraceData
	Palette string

	axis string // "-1" (default), "1" or "0"
}

// softmaxAxis normalises logits (T, C) along axis: "0" down each column
// (over time steps), otherwise along each row. Along the rows the columns
// left out of the trace (rest) take their share, so the rows are exactly
// the probabilities the trace carries.
func softmaxAxis(logits [][]protocol.Num, probs [][]protocol.Num, axis string) [][]float64 {
	out := make([][]float64, len(logits))
	if axis != "0" {
		for t, r := range probs {
			out[t] = make([]float64, len(r))
			for j, p := range r {
				out[t][j] = float64(p)
			}
		}
		return out
	}
	for t := range logits {
		out[t] = make([]float64, len(logits[t]))
	}
	if len(logits) == 0 {
		return out
	}
	for j := range logits[0] {
		m := math.Inf(-1)
		for t := range logits {
			m = math.Max(m, float64(logits[t][j]))
		}
		var sum float64
		for t := range logits {
			out[t][j] = math.Exp(float64(logits[t][j]) - m)
			sum += out[t][j]
		}
		for t := range logits {
			out[t][j] /= sum
		}
	}
	return out
}

func (v *softmaxView) Render() app.UI {
	d := v.Trace
	axis := v.axis
	if axis == "" {
		axis = "-1"
	}
	p := softmaxAxis(d.Logits, d.Probs, axis)
	// Small tables are HTML (a number on each cell, readable by screen
	// readers); large ones a canvas, cheap to redraw while training.
	var table app.UI
	from := 0
	if len(p)*len(d.Cols) > maxTableCells && len(p) > maxTableRows/4 {
		table = &softmaxCanvas{Trace: d, P: p, Palette: v.Palette}
	} else {
		from = max(0, len(p)-maxTableRows) // the last maxTableRows steps
		table = v.table(p, axis, from)
	}
	var summary []string
	for t := range p {
		if axis != "0" && t < len(d.Argmax) {
			summary = append(summary, Tf("after %s: most likely %s (%.1f%%), target %s",
				quoteToken(d.Tokens, t), "“"+showToken(tokenOf(d, d.Argmax[t]))+"”",
				100*probOf(d, t, d.Argmax[t]), "“"+showToken(d.Targets[t])+"”"))
		}
	}

	return app.Div().Class("softmax-view").Body(
		app.Div().Class("radio-row").Attr("role", "radiogroup").Attr("aria-label", T("Softmax axis")).Body(
			v.axisRadio("-1", "softmax(-1)", axis),
			v.axisRadio("1", "softmax(1)", axis),
			v.axisRadio("0", "softmax(0)", axis),
		),
		app.P().Class("hint").ID("softmax-why").Body(app.Text(axisSentence(axis)), termHelp("softmax")),
		app.If(from > 0, func() app.UI {
			return app.P().Class("hint").Text(Tf("The last %d of %d time steps are shown.", len(p)-from, len(p)))
		}),
		app.If(d.Vocab > len(d.Cols), func() app.UI {
			return app.P().Class("hint").ID("softmax-cols").
				Text(Tf("Columns: %d of the vocabulary's %d tokens, every target and prediction first, then the most likely.", len(d.Cols), d.Vocab))
		}),
		table,
		// On a phone the table is wider than the screen: say so (CSS shows
		// it on narrow screens only).
		app.If(len(d.Cols) > 4, func() app.UI {
			return app.P().Class("hint", "scroll-hint").Text(T("← Swipe the table sideways to see every column →"))
		}),
		app.P().Class("hint").Body(
			app.Span().Class("legend-argmax").Text(T("outlined: the prediction (argmax)")),
			app.Text(" · "),
			app.Span().Class("legend-target").Text(T("dot: the target (the next token of the text)")),
		),
		app.If(len(summary) > 0, func() app.UI {
			return app.Details().Class("text-alt").Body(
				app.Summary().Text(T("As text")),
				app.Ul().ID("softmax-text").Body(app.Range(summary).Slice(func(i int) app.UI {
					return app.Li().Text(summary[i])
				})),
			)
		}),
	)
}

// table is the HTML table of p's rows from, with the rest of each row's
// probability in an "others" column. It is markup (markup.go): its cells
// were go-app elements, the largest part of the page's first render.
func (v *softmaxView) table(p [][]float64, axis string, from int) app.UI {
	d := v.Trace
	pal := paletteNamed(v.Palette)
	showNumbers := len(d.Cols) <= 12
	rest := axis != "0" && len(d.Cols) < len(d.Rest)+len(d.Cols) && anyAbove(d.Rest, 5e-5)

	var m markup
	m.open("table", "id", "softmax-table", "class", "softmax", "data-axis", axis)
	m.open("caption", "class", "sr-only").text(T("Probability of each next token (columns) after each input token (rows).")).close("caption")
	m.open("thead").open("tr")
	m.open("th", "scope", "col", "class", "sm-corner").text(T("input → next")).close("th")
	for _, name := range d.Names {
		m.open("th", "scope", "col", "class", "sm-col", "title", name).text(showToken(name)).close("th")
	}
	if rest {
		m.open("th", "scope", "col", "class", "sm-col", "title", T("all other tokens")).text(T("others")).close("th")
	}
	m.close("tr").close("thead").open("tbody")
	for t := from; t < len(p); t++ {
		m.open("tr", "data-t", d.Offset+t)
		m.open("th", "scope", "row", "class", "sm-row").text(fmt.Sprintf("%d %s", d.Offset+t, showToken(d.Tokens[t]))).close("th")
		for j, x := range p[t] {
			c := pal.at(x)
			id := d.Cols[j]
			class := "sm-cell"
			var marks []string
			if id == d.Argmax[t] {
				class += " argmax"
				marks = append(marks, T("prediction"))
			}
			if id == d.Target[t] {
				class += " target"
				marks = append(marks, T("target"))
			}
			title := fmt.Sprintf("%s → %s: %.4f", showToken(d.Tokens[t]), showToken(d.Names[j]), x)
			if len(marks) > 0 {
				title += " (" + strings.Join(marks, ", ") + ")"
			}
			text := ""
			if showNumbers {
				text = fmt.Sprintf("%.2f", x)
			}
			m.open("td", "class", class, "style", "background:"+css(c)+";color:"+inkOn(c),
				"data-p", fmt.Sprintf("%.6g", x), "title", title).text(text).close("td")
		}
		if rest {
			r := float64(d.Rest[t])
			m.open("td", "class", "sm-cell sm-rest", "data-p", fmt.Sprintf("%.6g", r),
				"title", fmt.Sprintf("%s → %s: %.4f", showToken(d.Tokens[t]), T("others"), r)).
				text(fmt.Sprintf("%.2f", r)).close("td")
		}
		m.close("tr")
	}
	m.close("tbody").close("table")
	return app.Div().Class("sm-scroll").TabIndex(0).Attr("role", "region").Aria("label", T("Softmax table")).Body(m.UI())
}

func (v *softmaxView) axisRadio(value, label, current string) app.UI {
	id := "softmax-axis-" + strings.TrimPrefix(value, "-")
	if value == "-1" {
		id = "softmax-axis-last"
	}
	return app.Label().For(id).Class("radio").Body(
		app.Input().Type("radio").ID(id).Name("softmax-axis").Value(value).Checked(value == current).
			OnChange(func(ctx app.Context, e app.Event) { v.axis = value }),
		app.Code().Text(" output."+label),
	)
}

// axisSentence says why only the last axis gives next-token distributions.
func axisSentence(axis string) string {
	switch axis {
	case "0":
		return T("softmax(0) normalises each column over the time steps: a column sums to 1, a row does not, so a row is no distribution over the next token.")
	case "1":
		return T("For this (T, V) output the last axis is axis 1, so softmax(1) is softmax(-1): each row sums to 1.")
	}
	return T("softmax(-1) normalises each row over the vocabulary, the last axis: each row sums to 1 and is the distribution of the next token after that input.")
}

func anyAbove(x []protocol.Num, v float64) bool {
	for _, y := range x {
		if float64(y) > v {
			return true
		}
	}
	return false
}

// tokenOf is the token of vocabulary id in the trace's columns.
func tokenOf(d *protocol.TraceData, id int) string {
	for j, c := range d.Cols {
		if c == id {
			return d.Names[j]
		}
	}
	return "?"
}

func probOf(d *protocol.TraceData, t, id int) float64 {
	for j, c := range d.Cols {
		if c == id {
			return float64(d.Probs[t][j])
		}
	}
	return math.NaN()
}
