package app

import "github.com/maxence-charriere/go-app/v10/pkg/app"

// cellImage is a chart's colours as a small image, on a canvas of its own
// that the chart's canvas stretches over its squares (drawImage, no
// smoothing): the softmax table's at one pixel a cell, the unrolled
// network's at one row a line of strips, a heatmap's at one pixel a value. Each canvas call is a call from
// Go into JavaScript: a fillRect per square made a 64 × 24 softmax table
// 3,000 calls, and a full-size image of the unrolled network was
// megabytes allocated and copied at every trace. The buffers are kept
// from one draw to the next.
type cellImage struct {
	w, h   int
	rgba   []byte
	canvas app.Value // the offscreen canvas
	data   app.Value // rgba on the JavaScript side (Uint8ClampedArray)
	cw, ch int       // the offscreen canvas's size
}

// reset sizes the image to w × h pixels, all transparent.
func (m *cellImage) reset(w, h int) {
	n := 4 * w * h
	if cap(m.rgba) < n {
		m.rgba = make([]byte, n)
	}
	m.rgba = m.rgba[:n]
	clear(m.rgba)
	m.w, m.h = w, h
}

// set colours pixel (x, y).
func (m *cellImage) set(x, y int, c [3]uint8, alpha uint8) {
	i := 4 * (y*m.w + x)
	m.rgba[i], m.rgba[i+1], m.rgba[i+2], m.rgba[i+3] = c[0], c[1], c[2], alpha
}

// upload puts the cells on the offscreen canvas and returns it, the source
// for drawImage.
func (m *cellImage) upload() app.Value {
	if m.canvas == nil {
		m.canvas = app.Window().Get("document").Call("createElement", "canvas")
	}
	if m.w == 0 || m.h == 0 {
		return m.canvas
	}
	if m.cw != m.w || m.ch != m.h {
		m.canvas.Set("width", m.w)
		m.canvas.Set("height", m.h)
		m.data = app.Window().Get("Uint8ClampedArray").New(len(m.rgba))
		m.cw, m.ch = m.w, m.h
	}
	app.CopyBytesToJS(m.data, m.rgba)
	img := app.Window().Get("ImageData").New(m.data, m.w, m.h)
	m.canvas.Call("getContext", "2d").Call("putImageData", img, 0, 0)
	return m.canvas
}
