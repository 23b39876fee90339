package protocol

import (
	"fmt"
	"strings"
	"time"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// Pace is how fast a run plays out on the page. It only spaces the steps
// in time: the numbers are those of full speed, bit for bit.
type Pace int

const (
	PaceNormal Pace = iota // the whole run in about NormalRunTime
	PaceSlow               // SlowStepsPerSec: one step at a time, to follow the log and the views
	PaceFull               // as fast as the machine trains
)

// NormalRunTime is how long a run takes at PaceNormal, and SlowStepsPerSec
// the rate of PaceSlow. A run whose steps take longer than its pace allows
// trains at full speed: pacing only ever waits.
const (
	NormalRunTime   = 4 * time.Second
	SlowStepsPerSec = 5
)

var paceNames = []string{PaceNormal: "normal", PaceSlow: "slow", PaceFull: "full"}

func (p Pace) String() string {
	if p < 0 || int(p) >= len(paceNames) {
		return fmt.Sprintf("Pace(%d)", int(p))
	}
	return paceNames[p]
}

// ParsePace reads a pace as the link writes it.
func ParsePace(s string) (Pace, error) {
	for i, name := range paceNames {
		if strings.EqualFold(s, name) {
			return Pace(i), nil
		}
	}
	return PaceNormal, rnn.NewProblem(rnn.CodePace)
}

// Interval is the time between two steps of a run of steps steps at pace
// p; 0 is full speed.
func (p Pace) Interval(steps int) time.Duration {
	switch p {
	case PaceSlow:
		return time.Second / SlowStepsPerSec
	case PaceNormal:
		return min(NormalRunTime/time.Duration(max(steps, 1)), time.Second/SlowStepsPerSec)
	}
	return 0
}
