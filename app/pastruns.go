package app

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Bounds on the earlier runs the browser keeps: the last maxPastRuns, each
// curve cut to at most maxPastPoints losses.
const (
	maxPastRuns   = 5
	maxPastPoints = 1000
	pastRunsKey   = "rnn-playground/runs"
)

// pastRun is a run that was reset or finished, kept to compare with: its
// settings, its loss curve and its last log entry.
type pastRun struct {
	ID     string             `json:"id"`    // unique to the run (when it began)
	Query  string             `json:"query"` // protocol.Settings.RunQuery
	Steps  int                `json:"steps"` // the steps it took
	Every  int                `json:"every"` // Losses[i] is the loss of step i*Every+1
	Losses []float64          `json:"losses"`
	Last   *protocol.LogEntry `json:"last,omitempty"`
}

// newPastRun keeps the run v of settings s, its curve thinned to every
// k-th step when it is longer than maxPastPoints.
func newPastRun(id string, s protocol.Settings, v protocol.RunView) pastRun {
	r := pastRun{ID: id, Query: s.RunQuery(), Steps: len(v.Losses),
		Every: max(1, (len(v.Losses)+maxPastPoints-1)/maxPastPoints)}
	for i := 0; i < len(v.Losses); i += r.Every {
		// Six digits are what a chart or a worksheet can use.
		l, _ := strconv.ParseFloat(strconv.FormatFloat(v.Losses[i], 'g', 6, 64), 64)
		r.Losses = append(r.Losses, l)
	}
	if n := len(v.Log); n > 0 {
		last := v.Log[n-1]
		r.Last = &last
	}
	return r
}

// lastLoss is the loss of the run's last kept step.
func (r pastRun) lastLoss() float64 {
	if len(r.Losses) == 0 {
		return 0
	}
	return r.Losses[len(r.Losses)-1]
}

// settings are the run's settings.
func (r pastRun) settings() protocol.Settings {
	s, _ := protocol.DecodeQuery(r.Query)
	return s
}

// rememberRun puts r first in list (replacing an older copy of the same
// run) and keeps the last maxPastRuns.
func rememberRun(list []pastRun, r pastRun) []pastRun {
	if r.Steps == 0 {
		return list
	}
	out := []pastRun{r}
	for _, o := range list {
		if o.ID != r.ID && len(out) < maxPastRuns {
			out = append(out, o)
		}
	}
	return out
}

// diffKeys are the settings a label compares: the run's, not how it is
// shown or shared.
var diffKeys = []string{"tok", "cell", "layers", "embed", "hidden", "opt", "lr", "clip", "seed", "steps", "window", "batch", "workers"}

// runDiff says how the run of from differs from the run of to, e.g.
// "lr 0.001 → 0.01, cell rnn → lstm", with the text last.
func runDiff(from, to protocol.Settings) string {
	var parts []string
	for _, k := range diffKeys {
		if a, b := from.Get(k), to.Get(k); a != b {
			parts = append(parts, fmt.Sprintf("%s %s → %s", k, a, b))
		}
	}
	if from.Text != to.Text {
		parts = append(parts, T("another text"))
	}
	if len(parts) == 0 {
		return T("the same settings")
	}
	return strings.Join(parts, ", ")
}

// curve is one loss curve on the chart: Losses[i] is the loss of step
// i*Every+1.
type curve struct {
	Label  string
	Every  int
	Losses []float64
	Slot   int // its colour, of maxPastRuns
}

// steps is the last step the curve reaches.
func (c curve) steps() int { return (len(c.Losses)-1)*max(c.Every, 1) + 1 }

// curvesCSV is a table of the curves for a spreadsheet: a step per row, a
// run per column, empty where a run has no loss at that step.
func curvesCSV(curves []curve) string {
	var b strings.Builder
	b.WriteString("step")
	last := 0
	for _, c := range curves {
		b.WriteString("," + csvField(c.Label))
		if len(c.Losses) > 0 {
			last = max(last, c.steps())
		}
	}
	b.WriteByte('\n')
	for step := 1; step <= last; step++ {
		row := strconv.Itoa(step)
		has := false
		for _, c := range curves {
			row += ","
			every := max(c.Every, 1)
			if i := (step - 1) / every; (step-1)%every == 0 && i < len(c.Losses) {
				row += strconv.FormatFloat(c.Losses[i], 'g', -1, 64)
				has = true
			}
		}
		if has {
			b.WriteString(row + "\n")
		}
	}
	return b.String()
}

// csvField quotes a field that holds a comma, a quote or a line break.
func csvField(s string) string {
	if !strings.ContainsAny(s, ",\"\n\r") {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}
