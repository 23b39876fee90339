package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestGlossaryFromATerm: the "?" beside a term where it appears brings the
// term's glossary entry into view and focus, in English and in Korean,
// without touching the link.
func TestGlossaryFromATerm(t *testing.T) {
	for _, tt := range []struct {
		lang, term, field, name, says string
	}{
		{"en", "lr", "#opt-lr", "learning rate", "too large makes the loss jump"},
		{"ko", "clip", "#opt-clip", "기울기 클리핑", "노름이 한계를 넘으면"},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			ctx := newTab(t, 60*time.Second)
			if err := chromedp.Do(ctx, chromedp.Navigate(baseURL+"/?lang="+tt.lang), started(),
				waitJS(`(() => { const p = document.querySelector("#play"); return !!p && !p.disabled })()`)); err != nil {
				t.Fatal(err)
			}
			var before string
			eval(t, ctx, `location.href`, &before)
			var clicked bool // a click event, as a tap or Enter on the button gives
			eval(t, ctx, `(() => { const b = document.querySelector(".field:has(`+tt.field+`) .term-help"); b && b.click(); return !!b })()`, &clicked)
			if !clicked {
				t.Fatalf("no \"?\" beside %s", tt.field)
			}
			if err := chromedp.Do(ctx, waitJS(`(() => { const dt = document.activeElement; if (!dt || dt.id !== "term-`+tt.term+`") return false;
				const r = dt.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight })()`)); err != nil {
				t.Fatalf("the glossary entry is not focused and in view: %v (focus on %q)", err, text(t, ctx, ":focus"))
			}
			var shown struct {
				Name, Def string
				InView    bool
				Href      string
			}
			eval(t, ctx, `(() => { const dt = document.activeElement, r = dt.getBoundingClientRect();
				return {name: dt.textContent, def: dt.nextElementSibling.textContent,
					inView: r.top >= 0 && r.bottom <= innerHeight, href: location.href} })()`, &shown)
			if shown.Name != tt.name || !strings.Contains(shown.Def, tt.says) || !shown.InView {
				t.Errorf("entry %q: %q, in view %v", shown.Name, shown.Def, shown.InView)
			}
			if shown.Href != before {
				t.Errorf("the link changed: %s → %s", before, shown.Href)
			}
		})
	}
}
