package e2e

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// TestUnrolledView: the unrolled network draws for RNN, LSTM and GRU, one
// and two layers, word and character tokens. Its cells show the trainer's
// own numbers (h compared with a trace computed natively), each cell is
// focusable with a text alternative, backpropagation draws the gradient
// view's norms, and a cell opens the cell view at its step.
func TestUnrolledView(t *testing.T) {
	for _, tt := range []struct{ name, query, shot string }{
		{"rnn", "cell=rnn&steps=40", ""},
		{"lstm-two-layers", "cell=lstm&layers=2&steps=40", "view-unrolled.png"},
		{"gru-characters-two-layers", "cell=gru&layers=2&tok=char&text=hello+world&steps=40", ""},
		{"rnn-korean", "cell=rnn&steps=40&lang=ko", "view-unrolled-korean.png"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			q := "autoplay=1&pace=full&workers=1&view=unrolled&" + tt.query
			ctx := newTab(t, 90*time.Second)
			if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?"+q), started(), // the loader covers the page until every part is in
				waitJS(`["done", "완료"].includes((document.querySelector("#run-state") || {}).textContent)`),
				waitJS(`!!document.querySelector("#unrolled .ur-cell") &&
				document.querySelector("#trace-note").dataset.step === "40"`)); err != nil {
				t.Fatalf("the unrolled view did not draw the last step: %v", err)
			}
			settings, msgs := protocol.DecodeQuery(q)
			if len(msgs) > 0 {
				t.Fatal(msgs)
			}
			tr, err := rnn.NewTrainer(settings.Text, settings.Config)
			if err != nil {
				t.Fatal(err)
			}
			for range 40 {
				if _, err := tr.Step(); err != nil {
					t.Fatal(err)
				}
			}
			want := tr.Trace(0)

			type cell struct {
				T, Layer  int
				H, Label  string
				Tab, Grad string
			}
			read := func() []cell {
				var cs []cell
				eval(t, ctx, `[...document.querySelectorAll("#unrolled .ur-cell")].map(g => ({t: +g.dataset.t, layer: +g.dataset.layer,
					h: g.dataset.h, label: g.getAttribute("aria-label"), tab: g.getAttribute("tabindex"),
					grad: (g.querySelector(".ur-grad") || {dataset: {}}).dataset.grad || ""}))`, &cs)
				return cs
			}
			if tt.shot != "" {
				shot(t, ctx, "#look", tt.shot)
			}
			cells := read()
			layers := settings.Config.Layers
			if n := min(len(want.Tokens), 16) * layers; len(cells) != n {
				t.Fatalf("%d cells drawn, want %d (%d steps × %d layers)", len(cells), n, min(len(want.Tokens), 16), layers)
			}
			near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-4*math.Max(1e-3, math.Abs(want)) }
			for _, c := range cells {
				h := want.Layers[c.Layer].H[c.T]
				for i, s := range strings.Fields(c.H) {
					if v, err := strconv.ParseFloat(s, 64); err != nil || !near(v, h[i]) {
						t.Errorf("t=%d layer %d: h[%d] drawn %s, the native trace has %g", c.T, c.Layer, i, s, h[i])
					}
				}
				if c.Tab != "0" || !strings.Contains(c.Label, fmt.Sprintf("t=%d", c.T)) {
					t.Errorf("t=%d layer %d: tabindex %q, label %q", c.T, c.Layer, c.Tab, c.Label)
				}
			}

			click(t, ctx, "#unrolled-backward")
			if err := chromedp.Do(ctx, waitJS(`document.querySelector("#unrolled").dataset.replay === "backward"`),
				waitJS(`!document.querySelector("#unrolled").dataset.replay`)); err != nil {
				t.Fatalf("backpropagation did not play to the end: %v", err)
			}
			for _, c := range read() {
				g, err := strconv.ParseFloat(c.Grad, 64)
				if w := want.Layers[c.Layer].GradHLast[c.T]; err != nil || !near(g, w) {
					t.Errorf("t=%d layer %d: the gradient arrow says %q, the native ‖∂ℓ_T/∂h_t‖ is %g", c.T, c.Layer, c.Grad, w)
				}
			}

			// Neurons over the text: the tokens' colours follow unit 3 of h in
			// layer 1, and "Find units" ranks as the native trace does.
			setField(t, ctx, "#nt-unit", "3")
			if err := chromedp.Do(ctx, waitJS(`(() => { const b = document.querySelector("#nt-text .nt-token"); return !!b && b.title.includes("h[3]") })()`)); err != nil {
				t.Fatalf("the text does not follow unit 3: %v", err)
			}
			var vs []string
			eval(t, ctx, `[...document.querySelectorAll("#nt-text .nt-token")].map(b => b.dataset.v)`, &vs)
			for i, s := range vs {
				if v, err := strconv.ParseFloat(s, 64); err != nil || !near(v, want.Layers[0].H[i][3]) {
					t.Errorf("token %d coloured by %s, the native h[3] is %g", i, s, want.Layers[0].H[i][3])
				}
			}
			eval(t, ctx, `(() => { const b = document.querySelectorAll("#nt-text .nt-token"); b[1].click(); return true })()`, new(bool))
			if err := chromedp.Do(ctx, waitJS(`document.querySelectorAll("#nt-text .nt-span").length === 1`)); err != nil {
				t.Fatal(err)
			}
			eval(t, ctx, `(() => { document.querySelectorAll("#nt-text .nt-token")[2].click(); return true })()`, new(bool))
			if err := chromedp.Do(ctx, waitJS(`document.querySelectorAll("#nt-text .nt-span").length === 2 && !document.querySelector("#nt-find").disabled`)); err != nil {
				t.Fatal(err)
			}
			eval(t, ctx, `(() => { document.querySelector("#nt-find").click(); return true })()`, new(bool))
			if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#nt-found .nt-found")`)); err != nil {
				t.Fatal(err)
			}
			var first string
			eval(t, ctx, `document.querySelector("#nt-found .nt-found").dataset.unit`, &first)
			best, score := -1, 0.0
			for u := range min(protocol.UnrolledUnits, len(want.Layers[0].H[0])) {
				in, out := 0.0, 0.0
				for s, h := range want.Layers[0].H {
					if s == 1 || s == 2 {
						in += h[u] / 2
					} else {
						out += h[u] / float64(len(want.Layers[0].H)-2)
					}
				}
				if d := in - out; math.Abs(d) > math.Abs(score) {
					best, score = u, d
				}
			}
			if first != strconv.Itoa(best) {
				t.Errorf("Find units puts unit %s first; natively unit %d differs most (%.4f)", first, best, score)
			}

			// The student's own text, coloured by the same unit.
			own := "We are going"
			if settings.Config.Tokenizer == rnn.CharTokens {
				own = "hello"
			}
			setField(t, ctx, "#nt-unit", "3")
			if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const i = document.querySelector("#nt-own-text");
				i.value = %q; i.dispatchEvent(new Event("input")); document.querySelector("#nt-own-go").click() })()`, own)),
				waitJS(`document.querySelector("#nt-text").dataset.source === "mine"`)); err != nil {
				t.Fatalf("the student's text is not shown: %v", err)
			}
			ownToks, ownStates, err := tr.LM.States(own)
			if err != nil {
				t.Fatal(err)
			}
			var mine []struct{ Text, V string }
			eval(t, ctx, `[...document.querySelectorAll("#nt-text .nt-token")].map(b => ({text: b.textContent, v: b.dataset.v}))`, &mine)
			if len(mine) != len(ownToks) {
				t.Fatalf("%d tokens shown for %q, want %d", len(mine), own, len(ownToks))
			}
			for i, m := range mine {
				v, err := strconv.ParseFloat(m.V, 64)
				if w := ownStates[0].H[i][3]; err != nil || !near(v, w) {
					t.Errorf("%q: token %d coloured by %s, the model's h[3] is %g", own, i, m.V, w)
				}
			}
			click(t, ctx, "#nt-own-back")

			click(t, ctx, "#ur-0-2")
			if err := chromedp.Do(ctx, waitJS(`(document.querySelector("#cell-step") || {}).value === "2"`)); err != nil {
				t.Errorf("the cell at t=2 does not open the cell view at t=2: %v", err)
			}
		})
	}
}

// TestUnrolledViewRedraws: the diagram and the neurons' text are redrawn
// whole at each change, so they must keep what a reader has: the canvas's
// strips follow a forward replay (the steps not reached yet faded), the
// keyboard's focus stays on the box or token that had it, and Enter on a
// box opens the cell view at its step.
func TestUnrolledViewRedraws(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?autoplay=1&pace=full&workers=1&view=unrolled&steps=40"), started(),
		waitJS(`(document.querySelector("#run-state") || {}).textContent === "done" && !!document.querySelector("#unrolled .ur-cell") &&
			document.querySelector("#trace-note").dataset.step === "40"`)); err != nil {
		t.Fatalf("the unrolled view did not draw the last step: %v", err)
	}

	// A strip's alpha on the canvas, at the middle of box t's first strip.
	const stripAlpha = `((t) => { const box = document.querySelector("#ur-0-" + t + " .ur-box");
		const c = document.querySelector("#unrolled-strips");
		const x = +box.getAttribute("x") + 46, y = +box.getAttribute("y") + 10;
		return c.getContext("2d").getImageData(x, y, 1, 1).data[3] })`
	var still struct{ First, Last int }
	eval(t, ctx, `(() => { const n = document.querySelectorAll("#unrolled .ur-cell").length;
		return {first: `+stripAlpha+`(0), last: `+stripAlpha+`(n - 1)} })()`, &still)
	if still.First != 255 || still.Last != 255 {
		t.Fatalf("the strips of the first and last boxes have alpha %d and %d, want 255", still.First, still.Last)
	}

	focus := func(sel string) {
		t.Helper()
		eval(t, ctx, fmt.Sprintf(`(() => { document.querySelector(%q).focus(); return true })()`, sel), new(bool))
	}
	focused := func() string {
		var id string
		eval(t, ctx, `document.activeElement && document.activeElement.isConnected ? document.activeElement.id : ""`, &id)
		return id
	}

	// The forward replay, watched at each of its ticks, with the first box
	// focused: a click from a script leaves the focus where it is.
	focus("#ur-0-0")
	eval(t, ctx, `(() => { document.querySelector("#unrolled-forward").click(); return true })()`, new(bool))
	type tick struct {
		Replay       string
		Shown, Cells int
		Before, Past int // the alpha of a box reached and of one not yet
	}
	var seen []tick
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		var k tick
		eval(t, ctx, `(() => { const u = document.querySelector("#unrolled"), shown = +u.dataset.shown;
			const n = document.querySelectorAll("#unrolled .ur-cell").length, a = `+stripAlpha+`;
			return {replay: u.dataset.replay, shown, cells: n,
				before: shown > 0 && shown < n ? a(shown - 1) : -1, past: shown > 0 && shown < n ? a(n - 1) : -1} })()`, &k)
		if k.Replay == "" && len(seen) > 0 {
			break
		}
		if k.Replay == "forward" && k.Before >= 0 {
			seen = append(seen, k)
		}
		time.Sleep(30 * time.Millisecond)
	}
	if len(seen) == 0 {
		t.Fatal("the forward replay was not seen between its first and last step")
	}
	for _, k := range seen {
		if k.Before != 255 || k.Past != 38 {
			t.Errorf("at step %d of the replay, box %d's strip has alpha %d (want 255) and box %d's %d (want 38, faded)",
				k.Shown, k.Shown-1, k.Before, k.Cells-1, k.Past)
		}
	}
	if id := focused(); id != "ur-0-0" {
		t.Errorf("after the replay the focus is on %q, want the box it was on (ur-0-0)", id)
	}

	// A token chosen with the keyboard keeps the focus when the tokens are
	// drawn again with the span.
	focus("#nt-t-1")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter),
		waitJS(`document.querySelectorAll("#nt-text .nt-span").length === 1`)); err != nil {
		t.Fatalf("Enter on a token does not select it: %v", err)
	}
	if id := focused(); id != "nt-t-1" {
		t.Errorf("after choosing a token the focus is on %q, want the token (nt-t-1)", id)
	}

	// Enter on a focused box opens the cell view at its step, the focus on
	// the cell view's tab.
	focus("#ur-0-3")
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter),
		waitJS(`(document.querySelector("#cell-step") || {}).value === "3"`)); err != nil {
		t.Errorf("Enter on the box at t=3 does not open the cell view at t=3: %v", err)
	}
	if id := focused(); id != "tab-cell" {
		t.Errorf("after Enter on a box the focus is on %q, want the cell view's tab", id)
	}
}

// TestUnrolledReplayCoversTheStepsDrawn: with more steps than the diagram
// draws, a replay goes over the drawn ones only; through the others it
// would show nothing move for seconds.
func TestUnrolledReplayCoversTheStepsDrawn(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	q := url.Values{"text": {"the quick brown fox jumps over the lazy dog"}, "tok": {"char"}, "window": {"40"},
		"steps": {"5"}, "autoplay": {"1"}, "pace": {"full"}, "workers": {"1"}, "view": {"unrolled"}}
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?"+q.Encode()), started(),
		waitJS(`(document.querySelector("#run-state") || {}).textContent === "done" && !!document.querySelector("#unrolled-from")`)); err != nil {
		t.Fatalf("no unrolled view with a window of steps: %v", err)
	}
	eval(t, ctx, `(() => { const r = document.querySelector("#unrolled-from"); r.value = "10"; r.dispatchEvent(new Event("input")); return true })()`, new(bool))
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#ur-0-10") && !document.querySelector("#ur-0-9")`)); err != nil {
		t.Fatalf("the window did not move to step 10: %v", err)
	}
	var drawn struct{ Text, ValueText string }
	eval(t, ctx, `({text: document.querySelector("#unrolled-drawn").textContent,
		valueText: document.querySelector("#unrolled-from").getAttribute("aria-valuetext")})`, &drawn)
	if drawn.Text != "steps 10 to 25" || drawn.ValueText != drawn.Text {
		t.Errorf("beside the slider %q (and %q for a screen reader); want the steps drawn, steps 10 to 25", drawn.Text, drawn.ValueText)
	}
	for _, kind := range []string{"forward", "backward"} {
		eval(t, ctx, `window.__shown = []; new MutationObserver(() => { const u = document.querySelector("#unrolled");
			if (u && u.dataset.replay) window.__shown.push(+u.dataset.shown) }).observe(document.querySelector(".ur-scroll"), {childList: true, subtree: true, attributes: true}); true`, new(bool))
		click(t, ctx, "#unrolled-"+kind)
		if err := chromedp.Do(ctx, waitJS(`document.querySelector("#unrolled").dataset.replay === "`+kind+`"`),
			waitJS(`!document.querySelector("#unrolled").dataset.replay`)); err != nil {
			t.Fatalf("the %s replay did not end: %v", kind, err)
		}
		var shown []int
		eval(t, ctx, `window.__shown`, &shown)
		for _, s := range shown {
			if s < 9 || s > 27 { // steps 10 to 25 drawn; one past each end marks the start and the end
				t.Errorf("the %s replay reached step %d; the diagram draws steps 10 to 25 (all it reached: %v)", kind, s, shown)
				break
			}
		}
	}
}

// TestUnrolledViewOnAPhoneWithTheKeyboard: the diagram's row labels stay in
// view while it scrolls sideways; the text's tokens are one Tab stop, the
// arrows moving along them; the unit box says which units it takes and
// shows the unit drawn when a larger one is typed.
func TestUnrolledViewOnAPhoneWithTheKeyboard(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	asPhone(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?autoplay=1&pace=full&workers=1&view=unrolled&steps=40"), started(),
		waitJS(`(document.querySelector("#run-state") || {}).textContent === "done" && !!document.querySelector("#unrolled .ur-cell") &&
			document.querySelector("#trace-note").dataset.step === "40"`)); err != nil {
		t.Fatalf("the unrolled view did not draw the last step: %v", err)
	}

	var edge struct{ Scrolled, Labels, Box float64 }
	eval(t, ctx, `(() => { const s = document.querySelector(".ur-scroll"); s.scrollLeft = 300;
		return {scrolled: s.scrollLeft, labels: document.querySelector(".ur-labels").getBoundingClientRect().left,
			box: s.getBoundingClientRect().left + s.clientLeft} })()`, &edge)
	if edge.Scrolled < 100 {
		t.Fatalf("the diagram scrolled %g px sideways on a phone; want it wider than the screen", edge.Scrolled)
	}
	if math.Abs(edge.Labels-edge.Box) > 1 {
		t.Errorf("scrolled sideways, the row labels are at %g, the box's left edge at %g", edge.Labels, edge.Box)
	}

	focused := func() string {
		var id string
		eval(t, ctx, `document.activeElement && document.activeElement.isConnected ? document.activeElement.id : ""`, &id)
		return id
	}
	var stops, n int
	eval(t, ctx, `[...document.querySelectorAll("#nt-text .nt-token")].filter(b => b.tabIndex === 0).length`, &stops)
	eval(t, ctx, `document.querySelectorAll("#nt-text .nt-token").length`, &n)
	if stops != 1 {
		t.Errorf("%d of the text's %d tokens are Tab stops, want 1", stops, n)
	}
	eval(t, ctx, `(() => { document.querySelector("#nt-t-0").focus(); return true })()`, new(bool))
	for _, k := range []struct {
		key, want string
	}{
		{kb.ArrowRight, "nt-t-1"}, {kb.ArrowRight, "nt-t-2"}, {kb.ArrowLeft, "nt-t-1"},
		{kb.End, fmt.Sprintf("nt-t-%d", n-1)}, {kb.Home, "nt-t-0"}, {kb.ArrowLeft, "nt-t-0"},
	} {
		if err := chromedp.Do(ctx, chromedp.KeyEvent(k.key)); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.activeElement.id === %q`, k.want))); err != nil {
			t.Errorf("after %q the focus is on %q, want %s", k.key, focused(), k.want)
		}
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.Enter),
		waitJS(`document.querySelectorAll("#nt-text .nt-span").length === 2 && !document.querySelector("#nt-find").disabled`)); err != nil {
		t.Fatalf("Enter, → and Enter do not select tokens 0 and 1: %v", err)
	}
	if id := focused(); id != "nt-t-1" {
		t.Errorf("after selecting the span the focus is on %q, want nt-t-1", id)
	}
	// Tab from the span goes to Find units, and from there to the units
	// found.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatal(err)
	}
	if id := focused(); id != "nt-find" {
		t.Fatalf("Tab from the text goes to %q, want Find units", id)
	}
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Enter), waitJS(`!!document.querySelector("#nt-found .nt-found")`),
		chromedp.KeyEvent(kb.Tab)); err != nil {
		t.Fatalf("Enter on Find units: %v", err)
	}
	var onFound bool
	eval(t, ctx, `document.activeElement.classList.contains("nt-found")`, &onFound)
	if !onFound {
		t.Errorf("Tab from Find units goes to %q, want the first unit found", focused())
	}

	var max string
	eval(t, ctx, `document.querySelector("#nt-unit").max`, &max)
	setField(t, ctx, "#nt-unit", "500")
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector("#nt-unit").value === %q`, max))); err != nil {
		var shown string
		eval(t, ctx, `document.querySelector("#nt-unit").value`, &shown)
		t.Errorf("unit 500 typed, the box shows %q; want the largest unit drawn, %s", shown, max)
	}
	if got, want := text(t, ctx, "#nt-unit-range"), "0 to "+max; got != want {
		t.Errorf("the unit box's range says %q, want %q", got, want)
	}
	want := "Unit 500 is not traced: unit " + max + " is shown."
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`(document.querySelector("#nt-unit-asked") || {}).textContent === %q`, want))); err != nil {
		t.Errorf("after unit 500 the page says %q, want %q", text(t, ctx, "#nt-unit-asked"), want)
	}
}
