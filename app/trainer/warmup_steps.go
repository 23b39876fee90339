package trainer

import (
	"net/url"
	"strconv"
	"strings"
)

// warmUpSteps is how many notebook steps of each cell kind the warm-up
// (warmup.go) trains: after 30 or 60, the first run still took 2–3× a
// warm one.
const warmUpSteps = 150

// warmUpStepsIn reads "warmup=N" in the worker's URL query (worker.js?warmup=N:
// N steps per cell kind, 0 for no warm-up, at most ten times the default),
// which the benchmark sets to measure what the warm-up buys; without it,
// warmUpSteps. It is part of the worker's protocol, not of the page's links.
func warmUpStepsIn(query string) int {
	q, _ := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if n, err := strconv.Atoi(q.Get("warmup")); err == nil && n >= 0 {
		return min(n, 10*warmUpSteps)
	}
	return warmUpSteps
}
