package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"rsc.io/qr"
)

// qrMaxBytes is the most a QR code holds: version 40 at the lowest error
// correction, in byte mode. Links are longer than most texts a QR code
// carries, so the panel uses that level: a projected code is not smudged.
const qrMaxBytes = 2953

// qrBitmap is s as a QR code's modules, true for dark, with the quiet
// zone of 4 modules a reader needs around it; an error for a text longer
// than a QR code holds.
func qrBitmap(s string) ([][]bool, error) {
	q, err := qr.Encode(s, qr.L)
	if err != nil {
		return nil, err
	}
	bits := make([][]bool, q.Size+8)
	for y := range bits {
		bits[y] = make([]bool, q.Size+8)
		for x := range bits[y] {
			bits[y][x] = x >= 4 && y >= 4 && x < q.Size+4 && y < q.Size+4 && q.Black(x-4, y-4)
		}
	}
	return bits, nil
}

// qrPath is the dark modules as one SVG path, a rectangle per run of dark
// modules in a row: a few kilobytes for a long link, drawn crisply at any
// size.
func qrPath(bits [][]bool) string {
	var b strings.Builder
	for y, row := range bits {
		for x := 0; x < len(row); {
			if !row[x] {
				x++
				continue
			}
			n := 1
			for x+n < len(row) && row[x+n] {
				n++
			}
			b.WriteString("M" + strconv.Itoa(x) + " " + strconv.Itoa(y) + "h" + strconv.Itoa(n) + "v1h-" + strconv.Itoa(n) + "z")
			x += n
		}
	}
	return b.String()
}

// qrSVG draws bits as an image whose text alternative is label (svg sets
// the SVG namespace on each element, losschart.go).
func qrSVG(bits [][]bool, label string) app.UI {
	n := strconv.Itoa(len(bits))
	return svg("svg").ID("teach-qr").Class("teach-qr").
		Attr("viewBox", "0 0 "+n+" "+n).Attr("role", "img").Aria("label", label).
		Attr("shape-rendering", "crispEdges").Body(
		svg("rect").Attr("width", n).Attr("height", n).Attr("fill", "#fff"),
		svg("path").Attr("d", qrPath(bits)).Attr("fill", "#000"),
	)
}
