package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// paceControl picks how fast the run plays out (protocol.Pace): slow
// motion to follow each step, normal for a run over a few seconds, full
// speed. Only the timing changes, never the numbers.
type paceControl struct {
	app.Compo

	Pace   string // the run state's field
	Editor settingsEditor
}

func (c *paceControl) Render() app.UI {
	return app.Div().ID("pace").Class("radio-row", "pace").Attr("role", "radiogroup").
		Aria("label", T("Pace")).Body(
		app.Span().Text(T("Pace: ")),
		c.radio("slow", "slow motion", Tf("%d steps a second: watch each step, the log and the open view", protocol.SlowStepsPerSec)),
		c.radio("normal", "normal", Tf("the whole run in about %d seconds", int(protocol.NormalRunTime/time.Second))),
		c.radio("full", "full speed", T("as fast as this computer trains")),
	)
}

// radio is one pace; title, already worded, says what it means.
func (c *paceControl) radio(value, label, title string) app.UI {
	id := "pace-" + value
	return app.Label().For(id).Class("radio").Title(title).Body(
		app.Input().Type("radio").ID(id).Name("pace").Value(value).Checked(value == c.Pace).
			OnChange(func(ctx app.Context, e app.Event) { c.Editor.set(ctx, "pace", value) }, app.EventScope(value)),
		app.Text(" "+T(label)),
	)
}
