package trainer

import (
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// pacer spaces a run's steps in time (protocol.Pace): step k after the
// clock was set is due at from + k·interval. It only decides when; what a
// step computes does not depend on it.
type pacer struct {
	pace     protocol.Pace
	interval time.Duration // 0: full speed
	from     time.Time     // when the clock was set
	done     int           // the steps done then
	stopAt   int           // pause once this step is done (Step ×N); 0: at the end
}

// set starts the clock at now, with done steps done.
func (p *pacer) set(now time.Time, done int) { p.from, p.done = now, done }

// wait is how long the step after done is still to wait at now.
func (p *pacer) wait(now time.Time, done int) time.Duration {
	if p.interval == 0 {
		return 0
	}
	due := p.from.Add(time.Duration(done-p.done) * p.interval)
	if late := now.Sub(due); late > p.interval {
		// Behind (a slow step, a busy tab): go on from now rather than
		// catch up in a burst.
		p.set(now, done)
		return 0
	}
	return max(0, due.Sub(now))
}

// setPace changes the pace of a run of steps steps from now on.
func (s *session) setPace(pace protocol.Pace) {
	s.pacer.pace = pace
	if s.tr == nil {
		return
	}
	s.pacer.interval = pace.Interval(s.tr.Config.Steps)
	s.pacer.set(s.now(), s.tr.StepsDone())
}

// wait is how long the worker waits before its next step: 0 when the run
// is not training or the step is due.
func (s *session) wait() time.Duration {
	if !s.running() {
		return 0
	}
	return s.pacer.wait(s.now(), s.tr.StepsDone())
}
