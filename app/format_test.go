package app

import "testing"

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
