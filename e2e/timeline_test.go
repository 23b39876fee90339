package e2e

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// scrubTo moves the timeline's slider to step, as a hand would.
func scrubTo(t *testing.T, ctx context.Context, step int) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const e = document.querySelector("#timeline"); e.value = %d;
		e.dispatchEvent(new Event("input", {bubbles: true})) })()`, step))); err != nil {
		t.Fatal(err)
	}
}

// TestTimelineShowsAnEarlierStep: after the notebook's run, the timeline
// at step 31 marks it on the loss curve, cuts the log there, and shows the
// softmax table under the weights of step 31, as a trainer stopped at
// step 31 computes it. Back to now shows step 151 again; Replay plays the
// recorded steps back without training.
func TestTimelineShowsAnEarlierStep(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "view=softmax&pace=full")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	waitTrace(t, ctx, 151)

	scrubTo(t, ctx, 31)
	waitTrace(t, ctx, 31)
	if got := text(t, ctx, "#timeline-at"); got != "step 31 of 151" {
		t.Errorf("timeline says %q", got)
	}
	var marker []string
	eval(t, ctx, `(() => { const m = document.querySelector("#loss-marker"); return m ? [m.dataset.step, m.dataset.loss] : [] })()`, &marker)
	if len(marker) != 2 || marker[0] != "31" || marker[1] != "1.9172" {
		t.Errorf("loss marker %v, want step 31 at the notebook's 1.9172", marker)
	}
	if got := logLines(t, ctx); strings.Join(got, "\n") != strings.Join(notebookLog[:4], "\n") {
		t.Errorf("log at step 31:\n%s", strings.Join(got, "\n"))
	}
	if got := text(t, ctx, "#live"); got != "" {
		t.Errorf("the latest step's box shows at step 31: %q", got)
	}

	tr, err := rnn.NewTrainer("We are going to watch Avengers End Game", rnn.DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	for range 31 {
		if _, err := tr.Step(); err != nil {
			t.Fatal(err)
		}
	}
	want := tr.Trace(0).Probs
	rows := softmaxRows(t, ctx)
	if len(rows) != len(want) {
		t.Fatalf("%d rows at step 31, want %d", len(rows), len(want))
	}
	for i := range rows {
		for j := range rows[i] {
			if math.Abs(rows[i][j]-want[i][j]) > 5e-5*max(1, want[i][j]) {
				t.Errorf("softmax[%d][%d] at step 31 = %g, a trainer at step 31 gives %g", i, j, rows[i][j], want[i][j])
			}
		}
	}
	shot(t, ctx, "#train", "timeline.png")

	click(t, ctx, "#timeline-now")
	waitTrace(t, ctx, 151)
	if got := len(logLines(t, ctx)); got != len(notebookLog) {
		t.Errorf("back to now: %d log lines", got)
	}

	// Replay: the marker walks the recorded run, at the losses it had.
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => {
		window.marks = [];
		new MutationObserver(() => { const m = document.querySelector("#loss-marker");
			if (m) window.marks.push([+m.dataset.step, m.dataset.loss]) })
			.observe(document.querySelector("#loss-chart"), {subtree: true, childList: true, attributes: true});
	})()`)); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#replay")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#replay").disabled`)); err != nil {
		t.Fatal("Replay does not start:", err)
	}
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#timeline-at").textContent === "now: step 151" &&
		document.querySelector("#replay") && !document.querySelector("#replay").disabled`)); err != nil {
		t.Fatalf("replay never ends: %q", text(t, ctx, "#timeline-at"))
	}
	var marks [][]any
	eval(t, ctx, `window.marks`, &marks)
	logged := map[int]string{1: "2.3034", 31: "1.9172", 61: "1.5057", 91: "1.0342", 121: "0.6438"}
	seen := map[int]bool{}
	for _, m := range marks {
		step, loss := int(m[0].(float64)), m[1].(string)
		seen[step] = true
		if want, ok := logged[step]; ok && loss != want {
			t.Errorf("replay at step %d: loss %s, the run's %s", step, loss, want)
		}
	}
	if len(seen) < 20 {
		t.Errorf("replay showed %d steps, want the run step by step", len(seen))
	}
	if got := text(t, ctx, "#step-count"); got != "151" {
		t.Errorf("replay trained: step %s", got)
	}
}

// TestTimelineAndEarlierRunsInKorean: the timeline, the earlier runs and
// the change while training speak Korean.
func TestTimelineAndEarlierRunsInKorean(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "lang=ko&pace=full")
	trainToEndAnyLanguage(t, ctx)
	setField(t, ctx, "#opt-lr", "0.01")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#step-count").textContent === "0"`)); err != nil {
		t.Fatal("the change of the learning rate starts no new run:", err)
	}
	trainToEndAnyLanguage(t, ctx)
	click(t, ctx, "#runs summary")
	click(t, ctx, "#overlay-0")
	scrubTo(t, ctx, 31)
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#timeline-at").textContent === "31단계 (지금까지 151단계)"`)); err != nil {
		t.Errorf("the timeline says %q", text(t, ctx, "#timeline-at"))
	}
	for sel, want := range map[string]string{
		"#timeline-now": "현재로", "#replay": "다시 보기", "#runs summary": "이전 실행 (1)",
		"#runs .run-item label": "lr 0.001 → 0.01 · 손실 0.3932 (151단계 후)", "#pace": "속도", "#change": "학습 중에 바꾸기",
	} {
		if got := text(t, ctx, sel); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	var lr string
	eval(t, ctx, `document.querySelector("#now-lr").value`, &lr)
	if lr != "0.01" {
		t.Errorf("the change control shows the learning rate %q, the run uses 0.01", lr)
	}
	shot(t, ctx, "#train", "timeline-korean.png")
}

// trainToEndAnyLanguage presses Train once it is enabled and waits for the
// counter to reach the run's last step, whatever the page's language.
func trainToEndAnyLanguage(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, waitJS(`(() => {
		const play = document.querySelector("#play"), step = document.querySelector("#step-count").textContent;
		if (play && !play.disabled && step === "0") play.click();
		return step === "151";
	})()`)); err != nil {
		t.Fatalf("training to the end: step %q, state %q: %v; page %q", text(t, ctx, "#step-count"), text(t, ctx, "#run-state"), err, pageText(ctx))
	}
}
