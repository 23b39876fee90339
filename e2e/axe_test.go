package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/rnn-playground/rnn-playground/e2e/headless"
)

// axeRules are the rule sets the page is audited against: WCAG 2.0, 2.1 and
// 2.2 at levels A and AA (2.2's target size included) and axe's best
// practices.
const axeRules = `["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]`

type axeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
	Summary string   `json:"summary"` // the first node's failure summary
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s — %s\n\t\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "), v.Summary)
}

// axeSource is axe-core's script, installed by `npm ci` in e2e/ (pinned by
// e2e/package-lock.json).
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, "e2e", "node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		msg := "axe-core is not installed: run `npm ci` in e2e/ (make -f wasm.Makefile test does)"
		if headless.Required() {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(b)
}

// axeAudit runs axe-core on the page as it is now and returns its
// violations.
func axeAudit(t *testing.T, ctx context.Context) []axeViolation {
	t.Helper()
	src := axeSource(t)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](src+";true")); err != nil {
		t.Fatalf("injecting axe-core: %v", err)
	}
	js := `axe.run(document, {runOnly: {type: "tag", values: ` + axeRules + `}, resultTypes: ["violations"]})
		.then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
			targets: v.nodes.slice(0, 6).map(n => n.target.join(" ")),
			summary: (v.nodes[0] && v.nodes[0].failureSummary || "").split("\n").slice(0, 3).join(" ")})))`
	ctx, cancel := context.WithTimeout(ctx, 60*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("running axe-core: %v", err)
	}
	return v
}

// expectAccessible fails the test with each violation axe-core finds.
func expectAccessible(t *testing.T, ctx context.Context, state string) {
	t.Helper()
	for _, v := range axeAudit(t, ctx) {
		t.Errorf("%s: %s", state, v)
	}
}

// TestAccessibleInEveryState audits the page with axe-core after a run, with
// each "Look inside" view open, in Korean, on a phone, after a malformed
// link and with the "For teachers" panel open (teacher_test.go audits it
// filled in): no violation of WCAG 2.2 A/AA or axe's best practices.
func TestAccessibleInEveryState(t *testing.T) {
	for _, tt := range []struct {
		name, query string
		phone       bool
	}{
		{"trained", "", false},
		{"softmax", "view=softmax", false},
		{"cell", "view=cell", false},
		{"gradient", "view=gradient", false},
		{"compare", "view=compare", false},
		{"korean", "lang=ko&view=cell", false},
		{"phone", "view=softmax", true},
		{"phone-korean", "lang=ko&view=gradient", true},
		{"malformed-link", "hidden=abc&colour=red&lr=x&cell=gru&cell=lstm", false},
		{"teacher-panel", "lang=ko&title=Test&goal=loss%3Bbelow%3D0.5&goal=next%3Bafter%3DWe", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := newTab(t, 120*time.Second)
			if tt.phone {
				asPhone(t, ctx)
			}
			q := "autoplay=1&pace=full"
			if tt.query != "" {
				q += "&" + tt.query
			}
			if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?"+q), started(),
				waitJS(`["done", "완료"].includes((document.querySelector("#run-state") || {}).textContent)`)); err != nil {
				t.Fatalf("the run did not finish: %v; page %q", err, pageText(ctx))
			}
			if tt.query == "view=compare" {
				click(t, ctx, "#compare-start")
				if err := chromedp.Do(ctx, waitJS(`(() => { const s = [...document.querySelectorAll("#compare-status li")];
					return s.length === 3 && s.every(li => li.dataset.state === "done") })()`)); err != nil {
					t.Fatalf("the comparison did not finish: %q: %v", text(t, ctx, "#compare-status"), err)
				}
			}
			if tt.name == "teacher-panel" {
				click(t, ctx, "#teacher-open")
			}
			time.Sleep(300 * time.Millisecond) // the view's trace arrives after the last step
			expectAccessible(t, ctx, tt.name)
		})
	}
}
