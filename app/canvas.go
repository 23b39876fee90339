package app

import (
	"fmt"
	"math"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// canvasSize is the size a canvas was given, in CSS pixels, and at how
// many device pixels each.
type canvasSize struct{ w, h, dpr float64 }

// sizeCanvas gives canvas the size to (CSS pixels at to.dpr device pixels
// each) and returns its context, drawing in CSS pixels, the canvas clear.
// A canvas of the size it had is cleared, not sized again: sizing
// allocates its pixels anew, 12–32 ms for 784 × 1024 in headless Chromium
// without a GPU. had is the size it was last given; zero for a new canvas.
func sizeCanvas(canvas app.Value, had *canvasSize, to canvasSize) app.Value {
	g := canvas.Call("getContext", "2d")
	if *had == to {
		g.Call("setTransform", 1, 0, 0, 1, 0, 0)
		g.Call("clearRect", 0, 0, canvas.Get("width"), canvas.Get("height"))
	} else {
		canvas.Get("style").Set("width", fmt.Sprintf("%gpx", to.w))
		canvas.Get("style").Set("height", fmt.Sprintf("%gpx", to.h))
		canvas.Set("width", math.Round(to.w*to.dpr))
		canvas.Set("height", math.Round(to.h*to.dpr))
		*had = to
	}
	g.Call("setTransform", to.dpr, 0, 0, to.dpr, 0, 0)
	return g
}
