package trainer

import "github.com/rnn-playground/rnn-playground/app/protocol"

// Data-parallel training in the browser: the trainer worker (the leader)
// trains share 0 of every batch itself and hands shares 1..n-1 to helper
// Web Workers running the same app.wasm (rnn.ShardWorker, helper_wasm.go).
// The gradients are added in share order, so a run is reproducible for a
// given number of workers: workers=2 in a link gives the numbers of
// `rnn train -workers 2` on any machine.

// autoMaxWorkers bounds workers=auto: more rarely pays on a laptop, where
// the page and the browser need a core too.
const autoMaxWorkers = 4

// workersFor is the number of workers a run uses: the setting (or, for
// auto, the machine's cores up to autoMaxWorkers), never more than the
// batch's rows, at least 1. cores ≤ 0 means unknown.
func workersFor(setting, cores, rows int) int {
	n := setting
	if n == protocol.AutoWorkers {
		n = min(max(cores, 1), autoMaxWorkers)
	}
	return max(1, min(n, protocol.MaxWorkers, rows))
}
