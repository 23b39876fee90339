package app

import (
	"fmt"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// cellView shows inside the recurrent cell over time: per layer a heatmap
// of the hidden states h_t and, for LSTM, of its gates i, f, g, o and cell
// state c_t; for GRU of r, z, n. Picking a time step shows that step's
// computation with its numbers.
type cellView struct {
	app.Compo

	Trace   *protocol.TraceData
	Palette string
	Start   int // the time step selected when the view opens

	step int // the selected time step (index into the trace)
}

func (v *cellView) OnMount(ctx app.Context) { v.step = v.Start }

// vectorShown is how many units a step's vectors show before "…".
const vectorShown = 6

func (v *cellView) pick(ctx app.Context, t int) { v.step = t }

func (v *cellView) Render() app.UI {
	d := v.Trace
	n := len(d.Tokens)
	v.step = min(max(v.step, 0), max(n-1, 0))
	var body []app.UI
	body = append(body, app.Div().Class("step-pick").Body(
		app.Label().For("cell-step").Text(T("Time step")),
		app.Input().Type("range").ID("cell-step").Attr("min", 0).Attr("max", max(n-1, 0)).Value(v.step).
			OnInput(func(ctx app.Context, e app.Event) {
				fmt.Sscan(ctx.JSSrc().Get("value").String(), &v.step)
			}),
		app.Span().Class("step-label").Text(fmt.Sprintf("t = %d %s → %s", d.Offset+v.step,
			quoteToken(d.Tokens, v.step), quoteToken(d.Targets, v.step))),
	))
	for k, l := range d.Layers {
		layer := Tf("layer %d", k+1)
		maps := []app.UI{v.heat(fmt.Sprintf("hm-h-%d", k), "h · "+layer, l.H, true)}
		if l.C != nil {
			maps = append(maps, v.heat(fmt.Sprintf("hm-c-%d", k), "c · "+layer, l.C, true))
		}
		for _, g := range l.Gates {
			maps = append(maps, v.heat(fmt.Sprintf("hm-%s-%d", g.Name, k), g.Name+" · "+layer, g.V, g.Name == "g" || g.Name == "n"))
		}
		if l.Units < l.Hidden {
			maps = append(maps, app.P().Class("hint").Text(Tf("The first %d of %d units are shown.", l.Units, l.Hidden)))
		}
		body = append(body, app.Div().Class("layer-maps").Body(maps...))
		if n > 0 {
			body = append(body, v.stepMath(k, l))
		}
	}
	body = append(body, app.P().Class("hint").Body(
		app.Text(T("Time runs to the right, one row per hidden unit. Blue is negative, orange positive; gates go from 0 (dark) to 1 (light). Click a column or use ←/→ on a map to pick a time step.")),
		termHelp("hidden"), termHelp("gate")))
	return app.Div().Class("cell-view").Body(body...)
}

func (v *cellView) heat(id, title string, rows [][]protocol.Num, diverging bool) app.UI {
	return &heatmap{ID: id, Title: title, Rows: rows, Tokens: v.Trace.Tokens, Diverging: diverging,
		Palette: v.Palette, Selected: v.step, OnPick: v.pick}
}

// stepMath writes the selected step's computation for layer k, the
// notebook's CustomRNN.rnn_cell made concrete.
func (v *cellView) stepMath(k int, l protocol.LayerData) app.UI {
	t := v.step
	d := v.Trace
	zero := make([]protocol.Num, len(l.H[t]))
	prevH, prevC := zero, zero
	if t > 0 {
		prevH = l.H[t-1]
		if l.C != nil {
			prevC = l.C[t-1]
		}
	}
	gate := func(name string) []protocol.Num {
		for _, g := range l.Gates {
			if g.Name == name {
				return g.V[t]
			}
		}
		return nil
	}
	var formula string
	var rows [][2]string
	row := func(label string, x []protocol.Num) {
		rows = append(rows, [2]string{label, formatVector(x, vectorShown)})
	}
	switch d.Cell {
	case "LSTM":
		formula = "c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)"
		row("x_t", l.X[t])
		row("h_{t-1}", prevH)
		row("i = σ(…)", gate("i"))
		row("f = σ(…)", gate("f"))
		row("g = tanh(…)", gate("g"))
		row("o = σ(…)", gate("o"))
		row("c_{t-1}", prevC)
		row("c_t", l.C[t])
		row("h_t", l.H[t])
	case "GRU":
		formula = "n = tanh(x·W_inᵀ + b_in + r ⊙ (h_{t-1}·W_hnᵀ + b_hn)),   h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}"
		row("x_t", l.X[t])
		row("h_{t-1}", prevH)
		row("r = σ(…)", gate("r"))
		row("z = σ(…)", gate("z"))
		row("n", gate("n"))
		row("h_t", l.H[t])
	default:
		act := "tanh"
		if d.Cell == "RNN_RELU" {
			act = "relu"
		}
		formula = "h_t = " + act + "(x_t·W_ihᵀ + b_ih + h_{t-1}·W_hhᵀ + b_hh)"
		row("x_t", l.X[t])
		row("h_{t-1}", prevH)
		if t < len(l.XW) {
			sum := make([]protocol.Num, len(l.XW[t]))
			for j := range sum {
				sum[j] = l.XW[t][j] + l.Bih[j] + l.HW[t][j] + l.Bhh[j]
			}
			row("x_t·W_ihᵀ", l.XW[t])
			row("b_ih", l.Bih)
			row("h_{t-1}·W_hhᵀ", l.HW[t])
			row("b_hh", l.Bhh)
			row("= "+T("sum"), sum)
		}
		row("h_t = "+act+"(…)", l.H[t])
	}
	trs := make([]app.UI, len(rows))
	for i, r := range rows {
		trs[i] = app.Tr().Body(app.Th().Attr("scope", "row").Text(r[0]), app.Td().Text(r[1]))
	}
	return app.Figure().Class("step-math").ID(fmt.Sprintf("step-math-%d", k)).Body(
		app.FigCaption().Body(
			app.Text(Tf("Step t = %d, layer %d:", d.Offset+t, k+1)+" "),
			app.Code().Text(formula),
		),
		app.Table().Class("vectors").Body(trs...),
	)
}

// formatVector writes a vector with 3 decimals, the first shown values
// then "…" and the last one when it is longer.
func formatVector(x []protocol.Num, shown int) string {
	var b strings.Builder
	b.WriteByte('[')
	write := func(i int) {
		if b.Len() > 1 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.3f", float64(x[i]))
	}
	if len(x) <= shown+2 {
		for i := range x {
			write(i)
		}
	} else {
		for i := 0; i < shown; i++ {
			write(i)
		}
		b.WriteString(Tf(", … %d more …", len(x)-shown-1))
		write(len(x) - 1)
	}
	b.WriteByte(']')
	return b.String()
}
