package trainer

import (
	"errors"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// helperPool starts and stops the helper workers of a run: Web Workers in
// the browser (helper_wasm.go), goroutines or fakes in tests.
type helperPool interface {
	// start returns the workers of shares 1..of-1 of the run whose
	// settings are query, for a trainer with vocabulary vocab (id order).
	start(query string, vocab []string, of int) ([]rnn.ShardWorker, error)
	// stop ends every worker start returned.
	stop()
}

// errHalted is a helper's answer when the page halts training (Pause,
// Reset, an import) while the step waits for it: the step is dropped, its
// weights untouched, and taken again on the next Play. Without it a helper
// that has gone silent would hold those commands until helperTimeout.
var errHalted = errors.New("the page halted training while a helper computed its share")

// offerLatest leaves v in ch (capacity 1) in place of a value not yet
// taken, without blocking: a helper's gradient requests, of which only the
// latest counts.
func offerLatest[T any](ch chan T, v T) {
	select {
	case <-ch: // superseded
	default:
	}
	select {
	case ch <- v:
	default: // cannot happen: one sender, and the channel was just emptied
	}
}

// share gives the current trainer the helpers its run asks for: none on
// one worker, after a failure, or without a pool.
func (s *session) share() {
	s.sharedBy = s.tr
	n := workersFor(s.want, s.cores, s.tr.Data.Batches[0].B)
	if s.helpers == nil || n == 1 || s.notice != nil {
		s.workers = 1
		return
	}
	s.helpers.stop() // those of the trainer before (an import)
	workers, err := s.helpers.start(s.query, s.tr.Vocab.Tokens(), n)
	if err != nil {
		s.goAlone(err)
		return
	}
	s.tr.UseShards(workers)
	s.workers = s.tr.Shards()
}

// goAlone stops the helpers after err and trains the rest of the run on
// this worker alone. A failed step left the weights untouched, so the run
// goes on from the same step.
func (s *session) goAlone(err error) {
	s.helpers.stop()
	s.tr.UseShards(nil)
	s.workers = 1
	s.notice = rnn.NewProblem(rnn.CodeHelperFailed, err.Error())
	s.dirty = true
}
