package app

import (
	"math"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func TestPaletteEnds(t *testing.T) {
	for _, p := range []palette{viridis, cividis, blueOrange} {
		if got := p.at(0); got != p.stops[0] {
			t.Errorf("%s at 0 = %v, want %v", p.name, got, p.stops[0])
		}
		if got := p.at(1); got != p.stops[len(p.stops)-1] {
			t.Errorf("%s at 1 = %v", p.name, got)
		}
		if p.at(-5) != p.at(0) || p.at(7) != p.at(1) {
			t.Errorf("%s does not clamp", p.name)
		}
	}
	if got := viridis.at(math.NaN()); got != [3]uint8{128, 128, 128} {
		t.Errorf("NaN = %v, want grey", got)
	}
	// Viridis gets lighter from 0 to 1, so "more" always reads as "lighter".
	lum := func(c [3]uint8) float64 { return 0.2126*float64(c[0]) + 0.7152*float64(c[1]) + 0.0722*float64(c[2]) }
	for x := 0.0; x < 1; x += 0.05 {
		if lum(viridis.at(x+0.05)) <= lum(viridis.at(x)) {
			t.Errorf("viridis is not lighter at %.2f than at %.2f", x+0.05, x)
		}
	}
	if inkOn(viridis.at(0)) != "#fff" || inkOn(viridis.at(1)) != "#000" {
		t.Error("text colour does not contrast with the palette's ends")
	}
}

// The numbers written on a coloured cell keep WCAG AA's 4.5:1 contrast on
// every colour of every palette.
func TestInkContrastsOnEveryColour(t *testing.T) {
	lin := func(v float64) float64 {
		if v /= 255; v <= 0.03928 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	lumOf := func(c [3]uint8) float64 {
		return 0.2126*lin(float64(c[0])) + 0.7152*lin(float64(c[1])) + 0.0722*lin(float64(c[2]))
	}
	for _, p := range append(sequentialPalettes, blueOrange) {
		for i := 0; i <= 1000; i++ {
			bg := p.at(float64(i) / 1000)
			ink := [3]uint8{255, 255, 255}
			if inkOn(bg) == "#000" {
				ink = [3]uint8{}
			}
			a, b := lumOf(bg), lumOf(ink)
			if r := (max(a, b) + 0.05) / (min(a, b) + 0.05); r < 4.5 {
				t.Fatalf("%s at %.3f: %s on %v has contrast %.2f", p.name, float64(i)/1000, inkOn(bg), bg, r)
			}
		}
	}
}

func TestHeatmapPixels(t *testing.T) {
	rows := [][]protocol.Num{{-1, 0}, {1, 0.5}, {0, -0.5}} // (T=3, U=2)
	var m cellImage
	heatmapPixels(&m, rows, blueOrange, scaleFor(rows, true))
	w, h, rgba := m.w, m.h, m.rgba
	if w != 3 || h != 2 || len(rgba) != 4*6 {
		t.Fatalf("%d×%d, %d bytes", w, h, len(rgba))
	}
	px := func(t, u int) [3]uint8 { i := 4 * (u*w + t); return [3]uint8{rgba[i], rgba[i+1], rgba[i+2]} }
	if px(0, 0) != blueOrange.stops[0] || px(1, 0) != blueOrange.stops[len(blueOrange.stops)-1] {
		t.Errorf("-1 and +1 are not the scale's ends: %v %v", px(0, 0), px(1, 0))
	}
	if px(0, 1) != blueOrange.at(0.5) {
		t.Errorf("0 is %v, want the middle", px(0, 1))
	}
	// Values beyond ±1 widen the scale symmetrically.
	if s := scaleFor([][]protocol.Num{{3, -1}}, true); s.lo != -3 || s.hi != 3 {
		t.Errorf("scale %+v, want ±3", s)
	}
	if s := scaleFor([][]protocol.Num{{3}}, false); s.lo != 0 || s.hi != 1 {
		t.Errorf("sequential scale %+v, want [0, 1]", s)
	}
}

func TestSoftmaxAxis(t *testing.T) {
	logits := [][]protocol.Num{{1, 2, 3}, {0, 0, 5}}
	probs := [][]protocol.Num{{0.09, 0.24, 0.67}, {0.0066, 0.0066, 0.9867}}
	last := softmaxAxis(logits, probs, "-1")
	if last[1][2] != 0.9867 {
		t.Errorf("softmax(-1) must show the trace's probabilities, got %v", last)
	}
	first := softmaxAxis(logits, probs, "0")
	for j := 0; j < 3; j++ {
		if s := first[0][j] + first[1][j]; math.Abs(s-1) > 1e-12 {
			t.Errorf("softmax(0) column %d sums to %g", j, s)
		}
	}
	if want := 1 / (1 + math.Exp(-1)); math.Abs(first[0][0]-want) > 1e-12 {
		t.Errorf("softmax(0)[0][0] = %g, want %g", first[0][0], want)
	}
}

func TestFormatVector(t *testing.T) {
	for _, c := range []struct {
		x    []protocol.Num
		want string
	}{
		{nil, "[]"},
		{[]protocol.Num{1, -0.5}, "[1.000, -0.500]"},
		{[]protocol.Num{1, 2, 3, 4, 5, 6, 7, 8}, "[1.000, 2.000, 3.000, 4.000, 5.000, 6.000, 7.000, 8.000]"},
		{[]protocol.Num{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "[1.000, 2.000, 3.000, 4.000, 5.000, 6.000, … 3 more …, 10.000]"},
	} {
		if got := formatVector(c.x, 6); got != c.want {
			t.Errorf("formatVector(%v) = %s, want %s", c.x, got, c.want)
		}
	}
}

func TestFalloff(t *testing.T) {
	for _, c := range []struct {
		g    []float64
		want float64
	}{
		{nil, 0},
		{[]float64{0.5}, 0},
		{[]float64{1e-6, 1e-3, 1}, 6},
		{[]float64{0, 1}, 30}, // an exact zero sits at the axis' floor
		{[]float64{1, 1}, 0},
	} {
		if got := protocol.Falloff(c.g); math.Abs(got-c.want) > 1e-9 {
			t.Errorf("protocol.Falloff(%v) = %g, want %g", c.g, got, c.want)
		}
	}
}
