package trainer

import (
	"runtime"
	"testing"
	"time"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// TestSessionMemoryIsFlat: the trainer worker's session keeps nothing per
// step. With every teaching view traced, the live heap after 40,000 steps
// is no larger than after 10,000 (both past warm-up), within 64 KB — a
// float64 kept per step would add 240 KB. (The wasm memory a browser
// reports also holds the garbage collector's headroom, which this excludes.)
func TestSessionMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("40,000 training steps")
	}
	s := newSession()
	s.handle(protocol.Command{Cmd: protocol.Reset, Run: 1, Query: "steps=1000000&cell=lstm"})
	s.handle(protocol.Command{Cmd: protocol.Watch, Look: &protocol.LookCommand{Watch: protocol.WatchAll}})
	s.handle(protocol.Command{Cmd: protocol.Play})
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	// The history of traces may hold more of them later (how many it takes
	// depends on time, within the bounds TestHistoryIsBounded checks): it
	// starts afresh where the heap is measured, and everything else must
	// stay flat.
	withoutHistory := func() uint64 {
		s.past = newHistory(s.now())
		return live()
	}
	var early uint64
	for s.tr.StepsDone() < 40_000 {
		s.train(2 * time.Millisecond)
		s.flush()
		if early == 0 && s.tr.StepsDone() >= 10_000 {
			early = withoutHistory()
		}
	}
	late := withoutHistory()
	runtime.KeepAlive(s) // the session must be live when it is measured
	t.Logf("live heap without the history of traces: %d KB after 10,000 steps, %d KB after 40,000", early>>10, late>>10)
	if late > early+64<<10 {
		t.Errorf("the live heap grew from %d KB to %d KB between steps 10,000 and 40,000", early>>10, late>>10)
	}
}
