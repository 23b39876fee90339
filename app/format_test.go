package app

import (
	"math"
	"testing"
)

func TestFormat(t *testing.T) {
	tests := []struct{ got, want string }{
		{formatRate(0), "–"},
		{formatRate(0.816), "0.82"},
		{formatRate(8.2), "8.20"},
		{formatRate(82.34), "82.3"},
		{formatRate(8234.6), "8,235"},
		{formatRate(1234567), "1,234,567"},
		{formatCount(485), "485"},
		{formatCount(-1234), "-1,234"},
		{formatPercent(0.6134), "61.3%"},
		{formatPercent(0.00004), "<0.1%"},
		{formatPercent(0), "0.0%"},
		{showToken(" "), "␣"},
		{showToken("\n"), "↵"},
		{showToken("Game"), "Game"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

func TestFormatLoss(t *testing.T) {
	for x, want := range map[float64]string{0.39321: "0.3932", 2.30344: "2.3034", 9999: "9999.0000", 6.7615639e83: "6.76e+83", math.Inf(1): "+Inf"} {
		if got := formatLoss(x); got != want {
			t.Errorf("formatLoss(%g) = %q, want %q", x, got, want)
		}
	}
}
