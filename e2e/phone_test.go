package e2e

import (
	"testing"
	"time"
)

// TestPhoneLayout trains the notebook run on a phone-sized screen: every
// control is reachable without scrolling sideways.
func TestPhoneLayout(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	asPhone(t, ctx)
	openPlayground(t, ctx, "autoplay=1")
	waitState(t, ctx, "done")
	var overflow struct {
		Page    int      `json:"page"`
		View    int      `json:"view"`
		Outside []string `json:"outside"`
	}
	eval(t, ctx, `({page: document.documentElement.scrollWidth, view: window.innerWidth,
		outside: [...document.querySelectorAll("button, input, select, textarea")]
			.filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
			.map(e => e.id || e.tagName)})`, &overflow)
	if overflow.Page > overflow.View || len(overflow.Outside) > 0 {
		t.Errorf("the page is %d px wide in a %d px screen; controls past the edge: %v",
			overflow.Page, overflow.View, overflow.Outside)
	}
	screenshot(t, ctx, "playground-phone.png")

	// A table wider than the phone says that it scrolls.
	var wide struct {
		Overflows, Hint bool
	}
	eval(t, ctx, `(() => { const s = document.querySelector(".sm-scroll"), h = document.querySelector(".scroll-hint");
		return {overflows: !!s && s.scrollWidth > s.clientWidth + 1, hint: !!h && h.offsetParent !== null} })()`, &wide)
	if wide.Overflows && !wide.Hint {
		t.Error("the softmax table scrolls sideways on a phone and nothing says so")
	}
}
