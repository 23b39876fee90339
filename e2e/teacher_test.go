package e2e

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The "For teachers" card (app/teacherpanel.go): an exercise link, from an
// open page to a link on the projector, in under a minute.

// visible reports whether the element is on the page and displayed.
func visible(t *testing.T, ctx context.Context, sel string) bool {
	t.Helper()
	var v bool
	eval(t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0 })()`, sel), &v)
	return v
}

// typeInto types s into the field, as a teacher does.
func typeInto(t *testing.T, ctx context.Context, sel, s string) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.SendKeys(chromedp.CSS(sel), s)); err != nil {
		t.Fatalf("typing into %s: %v", sel, err)
	}
}

// press clicks the element like click, once more if the page drew it
// anew between finding and clicking it (go-app replaces an element whose
// siblings change, as the goals' list does).
func press(t *testing.T, ctx context.Context, sel string) {
	t.Helper()
	var err error
	for range 3 {
		if err = chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err == nil {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("clicking %s: %v", sel, err)
}

// addGoal presses "+ Add goal" and waits until the card has one goal more.
// The press is the button's own click: a click at the button's place, as
// chromedp.Click does, can land on the goal just added above it, which
// pushes the button down (one run in ten, for the second of two).
func addGoal(t *testing.T, ctx context.Context) {
	t.Helper()
	var n int
	eval(t, ctx, `document.querySelectorAll("fieldset.teach-goal").length`, &n)
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#teach-add-goal").click()`),
		waitJS(fmt.Sprintf(`document.querySelectorAll("fieldset.teach-goal").length === %d`, n+1)),
	); err != nil {
		t.Fatalf("adding goal %d: %v", n+1, err)
	}
}

// chooseKind picks kind in the select sel as a teacher does, until the
// element until shows that the page took it. It is one script, polled:
// chromedp.SetValue on a select that go-app draws anew meanwhile (the
// goals' list after an Add) waited for the old node until the test's
// deadline, about one run in ten.
func chooseKind(sel, kind, until string) chromedp.Action[chromedp.Void] {
	return waitJS(fmt.Sprintf(`(() => {
		if (document.querySelector(%q)) return true;
		const s = document.querySelector(%q);
		if (s && s.value !== %q) { s.value = %q; s.dispatchEvent(new Event("change")); }
		return false })()`, until, sel, kind, kind))
}

// TestTeacherMakesAnExerciseLink scripts what a teacher does before a
// class: open the panel, hide two controls, give a title and a question,
// add a goal, copy the link. Then a student opens that link.
func TestTeacherMakesAnExerciseLink(t *testing.T) {
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "")
	start := time.Now()
	interactions := 0
	do := func(f func()) { f(); interactions++ }

	const title, question = "Remember the sentence", "At which step does the loss fall below 0.5?"
	do(func() { click(t, ctx, "#teacher-open") })
	do(func() { click(t, ctx, "#teach-hide-seed") })
	do(func() { click(t, ctx, "#teach-hide-layers") })
	do(func() { typeInto(t, ctx, "#teach-title", title) })
	do(func() { typeInto(t, ctx, "#teach-question", question) })
	do(func() { addGoal(t, ctx) }) // a loss goal, below 0.5 to start with
	do(func() { typeInto(t, ctx, "#goal-0-by", "120") })
	wantGoal := "goal=" + url.QueryEscape("loss;below=0.5;by=120")
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector("#teach-link").value.includes(%q)`, wantGoal))); err != nil {
		t.Fatalf("the link has no %s: %q (%v)", wantGoal, text(t, ctx, "#teacher"), err)
	}
	hookClipboard(t, ctx)
	do(func() { click(t, ctx, "#teach-copy") })
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#teach-copy").textContent === "Link copied"`)); err != nil {
		t.Errorf("Copy says %q: %v", text(t, ctx, "#teach-copy"), err)
	}
	var link string
	eval(t, ctx, `document.querySelector("#teach-link").value`, &link)
	if got := copied(t, ctx); got != link {
		t.Errorf("Copy put %q on the clipboard, not the link shown, %q", got, link)
	}
	elapsed := time.Since(start)
	t.Logf("page ready to link: %d interactions, %v (scripted); link of %d bytes", interactions, elapsed.Round(time.Millisecond), len(link))
	if elapsed > 60*time.Second {
		t.Errorf("making the link took %v, more than a minute", elapsed)
	}
	if interactions > 10 {
		t.Errorf("%d interactions to make a link; a teacher should need about 8", interactions)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if got := q.Get("hide"); got != "layers,seed,teacher" {
		t.Errorf("hide=%q, want layers,seed,teacher", got)
	}
	if q.Get("title") != title || q.Get("question") != question || q.Get("goal") != "loss;below=0.5;by=120" {
		t.Errorf("the link's exercise: title %q, question %q, goal %q", q.Get("title"), q.Get("question"), q.Get("goal"))
	}
	if href := attr(t, ctx, "#teach-open", "href"); href != link {
		t.Errorf("Open as a student goes to %q, not the link %q", href, link)
	}

	// The QR code is drawn, large enough to scan, larger on demand.
	var qr struct {
		Width  float64 `json:"width"`
		Path   int     `json:"path"`
		Label  string  `json:"label"`
		NS     bool    `json:"ns"`
		Card   float64 `json:"card"`
		Screen float64 `json:"screen"`
	}
	readQR := func() {
		eval(t, ctx, `(() => { const s = document.querySelector("#teach-qr"), p = s && s.querySelector("path");
			return {width: s ? s.getBoundingClientRect().width : 0, path: p ? p.getAttribute("d").length : 0,
				label: s ? s.getAttribute("aria-label") : "", ns: !!p && p instanceof SVGPathElement,
				card: document.querySelector("#teacher").clientWidth, screen: innerHeight} })()`, &qr)
	}
	readQR()
	if qr.Path == 0 || !qr.NS || qr.Width < 200 || qr.Label == "" {
		t.Errorf("the QR code: %+v", qr)
	}
	click(t, ctx, "#teach-qr-size")
	if err := chromedp.Do(ctx, waitJS(`!!document.querySelector(".teach-qr-large #teach-qr")`)); err != nil {
		t.Fatalf("Show large does not enlarge the QR code: %v", err)
	}
	readQR()
	if want := min(qr.Card*0.8, qr.Screen*0.8); qr.Width < want {
		t.Errorf("the large QR code is %.0f px wide, want at least %.0f (card %.0f, screen %.0f)", qr.Width, want, qr.Card, qr.Screen)
	}
	shot(t, ctx, ".teach-qr-box", "teacher-qr-large.png")
	click(t, ctx, "#teach-qr-size")

	// A goal the page would refuse is explained where it is, and left out.
	addGoal(t, ctx)
	if err := chromedp.Do(ctx, chooseKind("#goal-1-kind", "next", "#goal-1-error")); err != nil {
		t.Fatalf("no message for an empty next goal: %q (%v)", text(t, ctx, "#goal-1"), err)
	}
	if msg := text(t, ctx, "#goal-1-error"); !strings.Contains(msg, "after") {
		t.Errorf("the refused goal says %q", msg)
	}
	var now string
	eval(t, ctx, `document.querySelector("#teach-link").value`, &now)
	if strings.Contains(now, "goal=next") {
		t.Errorf("the refused goal is in the link: %s", now)
	}
	if v := value(t, ctx, "#goal-1-after"); v != "" {
		t.Errorf("the new kind's empty field shows %q, the old kind's value", v)
	}
	// Typed into the fields of the kind just chosen, the goal is whole:
	// each box sets its own field, not the one it held before.
	typeInto(t, ctx, "#goal-1-after", "We are going")
	typeInto(t, ctx, "#goal-1-token", "to")
	typeInto(t, ctx, "#goal-1-p", "0.5")
	wantNext := "goal=" + url.QueryEscape("next;after=We are going;token=to;p=0.5")
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(`document.querySelector("#teach-link").value.includes(%q)`, wantNext))); err != nil {
		t.Errorf("after choosing next and typing its fields, the link lacks %s: %q", wantNext, value(t, ctx, "#teach-link"))
	}
	click(t, ctx, "#teach-copy")
	if got, shown := copied(t, ctx), value(t, ctx, "#teach-link"); got != shown {
		t.Errorf("Copy, after more changes, put %q on the clipboard, not the link shown, %q", got, shown)
	}
	expectAccessible(t, ctx, "teacher panel, filled in")
	shot(t, ctx, "#teacher", "teacher-panel.png")

	// Removing the first goal moves the second up, fields and all.
	press(t, ctx, "#goal-0-remove")
	if err := chromedp.Do(ctx, waitJS(`!document.querySelector("#goal-1")`)); err != nil {
		t.Fatal("the goal was not removed")
	}
	if k, after := value(t, ctx, "#goal-0-kind"), value(t, ctx, "#goal-0-after"); k != "next" || after != "We are going" {
		t.Errorf("after removing goal 1, goal 1 is %q with the prefix %q; want the next goal, its prefix \"We are going\"", k, after)
	}

	// The student's page: the controls hidden, the panel too, the title shown.
	student := newTab(t, 90*time.Second)
	if err := chromedp.Do(student, chromedp.Navigate(link), chromedp.WaitNotPresent(chromedp.CSS("#app-wasm-loader")),
		waitJS(`!!document.querySelector("#opt-hidden")`)); err != nil {
		t.Fatalf("the link does not open: %q: %v", pageText(student), err)
	}
	for _, sel := range []string{"#opt-seed", "#opt-layers", "#teacher"} {
		if visible(t, student, sel) {
			t.Errorf("%s is shown to the student; the link hides it", sel)
		}
	}
	for _, sel := range []string{"#opt-hidden", "#opt-cell", "#share"} {
		if !visible(t, student, sel) {
			t.Errorf("%s is hidden from the student; the link does not hide it", sel)
		}
	}
	if notices := text(t, student, "#notices"); notices != "" {
		t.Errorf("the student's page has notices: %q", notices)
	}
	if err := chromedp.Do(student, waitJS(fmt.Sprintf(`(document.querySelector("#exercise-title") || {}).textContent?.includes(%q)`, title))); err != nil {
		t.Errorf("the student's page does not show the title: #exercise %q (%v)", text(t, student, "#exercise"), err)
	}
	if got := text(t, student, "#goals .goal-what"); got != "The loss below 0.5 by step 120" {
		t.Errorf("the student's page shows the goal as %q", got)
	}
	screenshot(t, student, "teacher-student.png")
}

// value is a form field's value as shown.
func value(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	var s string
	eval(t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {value: "(none)"}).value`, sel), &s)
	return s
}

// attr is an element's attribute.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	var s string
	eval(t, ctx, fmt.Sprintf(`(document.querySelector(%q) || {getAttribute: () => ""}).getAttribute(%q) || ""`, sel, name), &s)
	return s
}

// TestTeacherPanelKoreanAndPhone: the panel in Korean, and on a 390-px
// phone with nothing past the screen's edge and tap targets of 24 px.
func TestTeacherPanelKoreanAndPhone(t *testing.T) {
	for _, tt := range []struct {
		name, query string
		phone       bool
	}{
		{"korean", "lang=ko", false},
		{"phone", "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newTab(t, 90*time.Second)
			if tt.phone {
				asPhone(t, ctx)
			}
			openPlayground(t, ctx, tt.query)
			click(t, ctx, "#teacher-open")
			click(t, ctx, "#teach-hide-vocab")
			typeInto(t, ctx, "#teach-title", "긴 의존성: RNN과 LSTM")
			addGoal(t, ctx)
			addGoal(t, ctx)
			if err := chromedp.Do(ctx, chooseKind("#goal-1-kind", "cell", "#goal-1-is-lstm")); err != nil {
				t.Fatalf("no cells to choose: %v; the card says %q", err, text(t, ctx, "#teacher"))
			}
			if tt.name == "korean" {
				if s := text(t, ctx, "#teacher h2"); s != "교사용" {
					t.Errorf("the card's title is %q", s)
				}
			}
			var bad struct {
				Page    int      `json:"page"`
				View    int      `json:"view"`
				Outside []string `json:"outside"`
				Small   []string `json:"small"`
			}
			eval(t, ctx, `(() => { const els = [...document.querySelectorAll("#teacher button, #teacher input, #teacher select, #teacher textarea, #teacher summary, #teacher a")];
				return {page: document.documentElement.scrollWidth, view: innerWidth,
					outside: els.filter(e => e.getBoundingClientRect().right > innerWidth + 1).map(e => e.id || e.tagName),
					small: els.filter(e => { const r = (e.type === "checkbox" ? e.closest("label") : e).getBoundingClientRect();
						return r.width < 24 || r.height < 24 }).map(e => e.id || e.tagName)} })()`, &bad)
			if bad.Page > bad.View || len(bad.Outside) > 0 {
				t.Errorf("the page is %d px wide in a %d px screen; past the edge: %v", bad.Page, bad.View, bad.Outside)
			}
			if len(bad.Small) > 0 {
				t.Errorf("tap targets under 24×24 px: %v", bad.Small)
			}
			expectAccessible(t, ctx, "teacher panel, "+tt.name)
			shot(t, ctx, "#teacher", "teacher-panel-"+tt.name+".png")
		})
	}
}
