package e2e

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// exerciseQuery is a link a teacher hands out: the notebook's run with two
// options hidden, the teacher's words, and goals.
func exerciseQuery(goals ...string) string {
	q := url.Values{
		"title":    {"Learn the sentence"},
		"about":    {"Train the notebook's RNN and watch the loss fall."},
		"question": {"At which step does the log print the whole sentence?"},
		"hide":     {"seed,opt"},
		"goal":     goals,
	}
	return q.Encode()
}

// goalStates are the goals' data-status values, in order.
func goalStates(t *testing.T, ctx context.Context) []string {
	t.Helper()
	var s []string
	eval(t, ctx, `[...document.querySelectorAll("#goals .goal")].map(g => g.dataset.status)`, &s)
	return s
}

func waitGoals(t *testing.T, ctx context.Context, want ...string) {
	t.Helper()
	js := `[...document.querySelectorAll("#goals .goal")].map(g => g.dataset.status).join() === ` + strconv.Quote(strings.Join(want, ","))
	if err := chromedp.Do(ctx, waitJS(js)); err != nil {
		t.Fatalf("goals %v, want %v: %v; exercise says %q", goalStates(t, ctx), want, err, text(t, ctx, "#exercise"))
	}
}

// TestExerciseGoalsAreCheckedLive: a student opens a teacher's link, sees
// the teacher's words and the goals, trains, and each goal gets its ✔ with
// the step that met it; the solution link, opened by the teacher in a
// fresh browser, trains the same run and confirms it.
func TestExerciseGoalsAreCheckedLive(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, exerciseQuery(
		"loss;below=0.5",
		"log;text=We are going to watch Avengers End Game",
		"next;after=We are going;token=to",
		"cell;is=rnn,lstm",
		"steps;max=151",
	))
	if got := text(t, ctx, "#exercise-title"); got != "Learn the sentence" {
		t.Errorf("title %q", got)
	}
	if got := text(t, ctx, "#exercise-question"); !strings.Contains(got, "At which step") {
		t.Errorf("question %q", got)
	}
	if got := text(t, ctx, "#hidden-note"); !strings.Contains(got, "hid 2 controls") {
		t.Errorf("hidden-controls note %q", got)
	}
	var seedShown bool
	eval(t, ctx, `document.querySelector("#opt-seed").offsetParent !== null`, &seedShown)
	if seedShown {
		t.Error("the seed is shown though the link hides it")
	}
	// Before training: the constraints hold, the rest wait.
	waitGoals(t, ctx, "pending", "pending", "pending", "met", "met")

	// Folding hides the teacher's words; the button brings them back.
	click(t, ctx, "#exercise-fold")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#exercise-about").offsetParent === null`)); err != nil {
		t.Error("folded, the explanation still shows")
	}
	if got := text(t, ctx, "#exercise-fold"); got != "Show the exercise" {
		t.Errorf("folded, the button says %q", got)
	}
	click(t, ctx, "#exercise-fold")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#exercise-about").offsetParent !== null`)); err != nil {
		t.Error("Show the exercise does not bring the explanation back")
	}

	trainToEnd(t, ctx)
	waitGoals(t, ctx, "met", "met", "met", "met", "met")
	now := text(t, ctx, "#goals .goal:nth-child(2) .goal-now")
	if now != "✔ met at step 91" { // the notebook's log prints the sentence first at step 91
		t.Errorf("the log goal says %q, want it met at step 91", now)
	}
	if got := text(t, ctx, "#goals-met"); got != "5 of 5 goals met" {
		t.Errorf("goals met %q", got)
	}
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#solution-link")`)); err != nil {
		t.Fatalf("no solution link: %q", text(t, ctx, "#exercise"))
	}
	shot(t, ctx, "#exercise", "exercise.png")
	var solution string
	eval(t, ctx, `document.querySelector("#solution-link").value`, &solution)
	u, err := url.Parse(solution)
	if err != nil || u.Query().Get("check") == "" || len(u.Query()["goal"]) != 5 {
		t.Fatalf("solution link %q: %v", solution, err)
	}
	hookClipboard(t, ctx)
	click(t, ctx, "#copy-solution")
	if got := copied(t, ctx); got != solution {
		t.Errorf("Copy my solution link put %q on the clipboard, not %q", got, solution)
	}

	// The teacher opens it: the page trains to the claimed step and confirms.
	teacher := newTab(t, 120*time.Second)
	openPlayground(t, teacher, u.RawQuery)
	if err := chromedp.Do(teacher, waitJS(`(document.querySelector("#check-result") || {dataset: {}}).dataset.confirmed === "true"`)); err != nil {
		t.Fatalf("the solution is not confirmed: %q: %v", text(t, teacher, "#exercise"), err)
	}
	if got, want := text(t, teacher, "#step-count"), u.Query().Get("check"); got != want {
		t.Errorf("the check trained to step %s, the solution says %s", got, want)
	}

	// A claim of an earlier step than the run met the goals at is refused.
	q := u.Query()
	q.Set("check", "60")
	forged := newTab(t, 120*time.Second)
	openPlayground(t, forged, q.Encode())
	if err := chromedp.Do(forged, waitJS(`(document.querySelector("#check-result") || {dataset: {}}).dataset.confirmed === "false"`)); err != nil {
		t.Fatalf("a forged solution is not refused: %q: %v", text(t, forged, "#exercise"), err)
	}
	waitGoals(t, forged, "pending", "pending", "pending", "met", "met")

	// Nor is a claim past the run's last step.
	q.Set("check", "999")
	beyond := newTab(t, 120*time.Second)
	openPlayground(t, beyond, q.Encode())
	if err := chromedp.Do(beyond, waitJS(`(document.querySelector("#check-result") || {dataset: {}}).dataset.confirmed === "false"`)); err != nil {
		t.Fatalf("a claim of step 999 in a 151-step run is not refused: %q: %v", text(t, beyond, "#exercise"), err)
	}
	if n := text(t, beyond, "#solved"); n != "" {
		t.Errorf("the teacher's page offers the student's solution link: %q", n)
	}
}

// TestGoalsTypedByHand: a teacher who types goal=loss;below=0.5 into the
// address bar gets the goal, as the docs write it.
func TestGoalsTypedByHand(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, "title=Raw&goal=loss;below=0.5&goal=steps;max=100")
	waitGoals(t, ctx, "pending", "lost")
	if n := text(t, ctx, "#notices"); n != "" {
		t.Errorf("notices for a goal typed by hand: %q", n)
	}
}

// TestExerciseNotMet: a run that does not reach a goal shows where it
// stands and no ✔; a malformed goal is explained and the others stay.
func TestExerciseNotMet(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, exerciseQuery("loss;below=0.5;by=50", "loss;below=abc", "steps;max=100"))
	if got := text(t, ctx, "#notices"); !strings.Contains(got, `"loss;below=abc"`) || !strings.Contains(got, "ignored") {
		t.Errorf("the malformed goal is not explained: %q", got)
	}
	waitGoals(t, ctx, "pending", "lost")
	trainToEnd(t, ctx)
	waitGoals(t, ctx, "lost", "lost")
	if got := text(t, ctx, "#goals .goal:first-child .goal-now"); !strings.Contains(got, "loss 0.") || !strings.Contains(got, "train again") {
		t.Errorf("the unmet loss goal says %q", got)
	}
	var marks int
	eval(t, ctx, `[...document.querySelectorAll("#goals .goal-mark")].filter(m => m.textContent === "✔").length + document.querySelectorAll("#solved").length`, &marks)
	if marks != 0 {
		t.Errorf("%d ✔ or solutions shown for a run that meets no goal", marks)
	}
}

// TestExerciseInKoreanOnAPhone: the exercise reads in Korean and fits a
// phone; axe-core finds nothing in it.
func TestExerciseInKoreanOnAPhone(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	asPhone(t, ctx)
	openPlayground(t, ctx, exerciseQuery("loss;below=0.5", "next;after=We are going;token=to;p=0.5")+"&lang=ko&autoplay=1&pace=full")
	waitState(t, ctx, "완료")
	waitGoals(t, ctx, "met", "met")
	if got := text(t, ctx, "#goals-met"); got != "달성한 목표: 2 / 2" {
		t.Errorf("goals met in Korean: %q", got)
	}
	if got := text(t, ctx, "#goals .goal:first-child .goal-what"); got != "손실 0.5 미만" {
		t.Errorf("the loss goal in Korean: %q", got)
	}
	if wider(t, ctx) {
		t.Error("the exercise makes the page wider than a phone")
	}
	shot(t, ctx, "#exercise", "exercise-korean-phone.png")
	expectAccessible(t, ctx, "exercise-korean-phone")
}

// openLesson opens a lesson's link from the menu, as a student does.
func openLesson(t *testing.T, ctx context.Context, id string) {
	t.Helper()
	openPlayground(t, ctx, "")
	click(t, ctx, "#lessons summary")
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#lesson-`+id+` .lesson-link")`)); err != nil {
		t.Fatalf("the lessons menu does not list %s: %v", id, err)
	}
	var href string
	eval(t, ctx, `document.querySelector("#lesson-`+id+` .lesson-link").getAttribute("href")`, &href)
	openPlayground(t, ctx, strings.TrimPrefix(href, "?"))
	if got := text(t, ctx, "#exercise-title"); got == "" {
		t.Fatalf("lesson %s opens no exercise: %q", id, pageText(ctx))
	}
}

// TestLessonExercisesCanBeSolved does what each new lesson asks: read h[1]
// at t = 2 in the cell view and type it; find a learning rate; change the
// cell until the gradient reaches back. The link's own run fails each goal
// it can fail, and the answer meets it.
func TestLessonExercisesCanBeSolved(t *testing.T) {
	t.Run("cell", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openLesson(t, ctx, "cell")
		waitGoals(t, ctx, "pending")
		if err := chromedp.Do(ctx, waitJS(`!!document.querySelector("#cell-step")`)); err != nil {
			t.Fatal("the lesson does not open the cell view")
		}
		setField(t, ctx, "#answer-0", "0.5") // a wrong answer first
		if err := chromedp.Do(ctx, waitJS(`document.querySelector("#goals .goal-now").textContent.startsWith("not the value")`)); err != nil {
			t.Errorf("a wrong answer says %q", text(t, ctx, "#goals .goal-now"))
		}
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(() => { const s = document.querySelector("#cell-step");
			s.value = 2; s.dispatchEvent(new Event("input")) })()`),
			waitJS(`document.querySelector(".step-label").textContent.startsWith("t = 2")`)); err != nil {
			t.Fatal(err)
		}
		var h string
		eval(t, ctx, `[...document.querySelectorAll("#step-math-0 tr")].find(r => r.querySelector("th").textContent.startsWith("h_t")).querySelector("td").textContent`, &h)
		read := strings.Split(strings.Trim(h, "[]"), ", ")[1]
		setField(t, ctx, "#answer-0", read)
		waitGoals(t, ctx, "met")
		shot(t, ctx, "#exercise", "exercise-cell.png")
		if got := text(t, ctx, "#goals .goal-now"); got != "✔ met at step 0" {
			t.Errorf("the answer %s (h_t = %s) gives %q", read, h, got)
		}
		var solution string
		eval(t, ctx, `(document.querySelector("#solution-link") || {}).value || ""`, &solution)
		if !strings.Contains(solution, "check=0") || !strings.Contains(solution, url.QueryEscape("answer="+read)) {
			t.Errorf("the solution link %q does not carry the answer at step 0", solution)
		}
	})
	t.Run("lr", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		openLesson(t, ctx, "lr")
		trainToEnd(t, ctx)
		waitGoals(t, ctx, "lost")
		setField(t, ctx, "#opt-lr", "0.01")
		trainToEnd(t, ctx)
		waitGoals(t, ctx, "met")
		if got := text(t, ctx, ".solved-line"); !strings.Contains(got, "lr 0.001 → 0.01") {
			t.Errorf("the solution does not say what changed: %q", got)
		}
	})
	t.Run("diverge", func(t *testing.T) {
		ctx := newTab(t, 60*time.Second)
		asPhone(t, ctx)
		openLesson(t, ctx, "diverge")
		if err := chromedp.Do(ctx, waitJS(`(() => { const s = document.querySelector("#run-state").textContent, p = document.querySelector("#play");
			if (s === "paused" && !p.disabled) p.click(); return s.includes("diverged") })()`)); err != nil {
			t.Fatalf("the lesson's run does not diverge: %q", text(t, ctx, "#run-state"))
		}
		waitGoals(t, ctx, "lost")
		if got := text(t, ctx, "#goals .goal-now"); !strings.Contains(got, "e+") {
			t.Errorf("the blown-up loss reads %q, want it in powers of ten", got)
		}
		if wider(t, ctx) {
			t.Error("the diverged goal makes the page wider than the phone")
		}
		setField(t, ctx, "#opt-clip", "1")
		trainToEnd(t, ctx)
		waitGoals(t, ctx, "met")
	})
	t.Run("remember", func(t *testing.T) {
		ctx := newTab(t, 90*time.Second)
		openLesson(t, ctx, "remember")
		trainToEnd(t, ctx)
		waitGoals(t, ctx, "lost", "met")
		setField(t, ctx, "#opt-cell", "lstm")
		trainToEnd(t, ctx)
		waitGoals(t, ctx, "met", "met")
	})
}
