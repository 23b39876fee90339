package rnn

import (
	"fmt"
	"math"
)

// Data-parallel training: every batch (B, T) is cut into n contiguous shares
// of rows; share i has rows [i·B/n, (i+1)·B/n). The trainer computes share 0
// itself and ShardWorkers compute the others, each at the same weights.
// Every share divides its gradient by the whole batch's count of counted
// targets, so the shares' gradients add up to the gradient of the batch's
// mean loss. The leader adds them in share order,
//
//	G = G_0;  G += grad_1;  G += grad_2;  …
//	loss = (sum_0 + sum_1 + …) / count
//
// which makes a run reproducible for a given n, natively (goroutines) and in
// the browser (Web Workers) alike. Different n give the same run up to
// rounding: the sums are grouped differently.

// ShardResult is one share's answer for one step.
type ShardResult struct {
	Grad    []float64 // flat gradient of the share (already divided by the whole batch's count)
	LossSum float64   // Σ over the share's counted tokens of −log p(target)
	Pred    []int     // (rows·T) argmax per position, batch_first, for the share's rows
}

// ShardWorker computes one share of every step somewhere else: a goroutine
// natively, a Web Worker in the browser.
type ShardWorker interface {
	// Start begins the share's gradient for the trainer's step `step`
	// (0-based: batch step % len(Batches)) at the flat weights. weights is
	// only valid during the call: copy it (or send it) before returning.
	Start(step int, weights []float64)
	// Wait blocks until that gradient is ready. The result's slices are
	// only read until the next Start.
	Wait() (ShardResult, error)
}

// shareRows is the row range [lo, hi) of share i of n over b rows.
func shareRows(b, i, n int) (lo, hi int) { return i * b / n, (i + 1) * b / n }

// UseShards makes every following Step compute share 0 of the batch itself
// and shares 1..n-1 on workers, in order; n = min(1+len(workers), B), so
// workers beyond the batch's rows stay idle. workers[i] must compute share
// i+1 of n (a Replica built with share i+1, of n). nil or empty trains
// alone (the default), which gives exactly the unsharded numbers.
func (t *Trainer) UseShards(workers []ShardWorker) {
	t.shards = nil
	if len(workers) == 0 {
		return
	}
	t.shards = workers[:min(len(workers), t.batch.B-1)]
	if len(t.shards) > 0 && t.flat == nil {
		t.flat = t.FlatWeights(nil)
	}
	if len(t.results) < len(t.shards) {
		t.results = make([]ShardResult, len(t.shards))
	}
}

// Shards is the number of shares each batch is cut into: 1 + the workers
// actually used.
func (t *Trainer) Shards() int { return 1 + len(t.shards) }

// FlatWeights writes every parameter's weights, concatenated in Params
// (state_dict) order, into dst's storage when it is large enough, else
// into a new slice, and returns it: what ShardWorker.Start receives.
func (t *Trainer) FlatWeights(dst []float64) []float64 {
	return flatten(dst[:0], t.Params(), func(p *Param) []float64 { return p.W })
}

// flatten appends each parameter's part (W or G) to dst.
func flatten(dst []float64, params []*Param, part func(*Param) []float64) []float64 {
	for _, p := range params {
		dst = append(dst, part(p)...)
	}
	return dst
}

// numWeights is the length of the flat weights.
func numWeights(params []*Param) int {
	n := 0
	for _, p := range params {
		n += len(p.W)
	}
	return n
}

// shardedGradient is the sharded half of a step: it fills every Param.G
// with the gradient of batch b's mean loss, the predictions of all its
// rows, and returns the loss. A worker's error is returned as it is and
// leaves the weights and the last step's predictions untouched.
func (t *Trainer) shardedGradient(b *Batch) (float64, error) {
	n, step := t.Shards(), t.steps
	count := counted(b.Targets)
	t.flat = t.FlatWeights(t.flat)
	for _, w := range t.shards {
		w.Start(step, t.flat)
	}

	// Share 0, here, while the workers compute theirs.
	_, hi0 := shareRows(b.B, 0, n)
	t.ZeroGrad()
	t.Forward(b.Inputs[:hi0*b.T], b.T, hi0)
	sum := t.lossSum(b.Targets[:hi0*b.T], count)
	t.Backward()

	// Wait for every worker, even after a failure, so that each Start has
	// its Wait; add the gradients in share order.
	var err error
	params := t.Params()
	for i, w := range t.shards {
		res, werr := w.Wait()
		t.results[i] = res
		if err != nil {
			continue
		}
		lo, hi := shareRows(b.B, i+1, n)
		if werr == nil {
			werr = checkShard(res, len(t.flat), (hi-lo)*b.T, t.V)
		}
		if werr != nil {
			err = fmt.Errorf("share %d of %d: %w", i+1, n, werr)
			continue
		}
		off := 0
		for _, p := range params {
			src := res.Grad[off : off+len(p.G)]
			g := p.G[:len(src)] // no bounds checks in the loop
			for j, v := range src {
				g[j] += v
			}
			off += len(g)
		}
		sum += res.LossSum
	}
	if err != nil {
		return math.NaN(), err
	}
	copy(t.pred, t.Model.pred[:hi0*b.T])
	for i, res := range t.results[:len(t.shards)] {
		lo, _ := shareRows(b.B, i+1, n)
		copy(t.pred[lo*b.T:], res.Pred)
	}
	if count == 0 {
		return 0, nil
	}
	return sum / float64(count), nil
}

// checkShard rejects a result of the wrong shape: a worker built for
// another model or another number of shares.
func checkShard(res ShardResult, weights, positions, v int) error {
	if len(res.Grad) != weights {
		return fmt.Errorf("the gradient has %d numbers, the model %d", len(res.Grad), weights)
	}
	if len(res.Pred) != positions {
		return fmt.Errorf("%d predictions for %d positions (was the worker built for this batch and number of shares?)", len(res.Pred), positions)
	}
	for _, id := range res.Pred {
		if id < 0 || id >= v {
			return fmt.Errorf("predicted id %d is outside the vocabulary of %d", id, v)
		}
	}
	return nil
}
