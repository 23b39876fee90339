package app

import (
	"fmt"
	"strings"
)

// formatRate writes a speed with about three significant digits:
// 0.82, 8.2, 82, 820, 8,200 steps/s.
func formatRate(x float64) string {
	switch {
	case x <= 0:
		return "–"
	case x < 10:
		return fmt.Sprintf("%.2f", x)
	case x < 100:
		return fmt.Sprintf("%.1f", x)
	}
	return groupThousands(fmt.Sprintf("%.0f", x))
}

// formatLoss writes a loss as the log does, 0.3932, and one that has
// blown up in powers of ten, 6.76e+83, not in 84 digits.
func formatLoss(x float64) string {
	if x >= 1e4 || x <= -1e4 {
		return fmt.Sprintf("%.3g", x)
	}
	return fmt.Sprintf("%.4f", x)
}

// formatCount writes an integer with thousands separators: 12,345.
func formatCount(n int64) string { return groupThousands(fmt.Sprint(n)) }

func groupThousands(digits string) string {
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	var b strings.Builder
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatPercent writes a probability as a percentage: 61.3%, 0.4%, <0.1%.
func formatPercent(p float64) string {
	if p > 0 && p < 0.001 {
		return "<0.1%"
	}
	return fmt.Sprintf("%.1f%%", 100*p)
}

// showToken makes a token visible in a table: a space, a line break and a
// tab would otherwise look like nothing. The space is ␣, which the common
// fonts have (␠ is missing from most, and showed as a box).
func showToken(tok string) string {
	switch tok {
	case " ":
		return "␣"
	case "\n":
		return "↵"
	case "\t":
		return "⇥"
	}
	return tok
}
