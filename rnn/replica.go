package rnn

import (
	"errors"
	"fmt"
)

// Replica is a copy of the trainer's model that computes one share of every
// batch's gradient at weights it is given: the worker side of data-parallel
// training (see ShardWorker). It has no optimiser: the trainer updates the
// weights and sends them with the next step.
type Replica struct {
	model     *Model
	data      *Dataset
	share, of int
	w, g      []float64 // every Param's W and G, contiguous in Params order: the flat weights and gradient
}

// NewReplica builds share ∈ [1, of) of a trainer on text under cfg, the
// trainer's Config. vocab nil builds the vocabulary from the text exactly as
// NewTrainer does; otherwise it is the trainer's vocabulary in id order
// (Vocab.Tokens of an imported model), and the text is read with it as
// NewTrainerFrom does. of is the trainer's Shards(): at most the batch's rows.
func NewReplica(text string, cfg Config, vocab []string, share, of int) (*Replica, error) {
	var v *Vocab
	if vocab != nil {
		var err error
		if v, err = VocabFromTokens(vocab); err != nil {
			return nil, err
		}
	}
	data, err := trainingData(text, cfg, v)
	if err != nil {
		return nil, err
	}
	return newReplica(data, cfg, share, of)
}

// newReplica builds a replica on data, which it only reads.
func newReplica(data *Dataset, cfg Config, share, of int) (*Replica, error) {
	b := data.Batches[0]
	if of < 1 || of > b.B {
		return nil, fmt.Errorf("a batch of %d rows splits into 1 to %d shares (asked for %d)", b.B, b.B, of)
	}
	if share < 1 || share >= of {
		return nil, fmt.Errorf("a replica computes share 1 to %d of %d; share 0 is the trainer's (asked for %d)", of-1, of, share)
	}
	m := NewModel(cfg.Cell, data.Vocab.Size(), cfg.Embed, cfg.Hidden, cfg.Layers)
	r := &Replica{model: m, data: data, share: share, of: of}
	// Point every Param at one flat buffer for W and one for G: the weights
	// arrive and the gradient leaves without copying parameter by parameter.
	n := numWeights(m.Params())
	r.w, r.g = make([]float64, n), make([]float64, n)
	off := 0
	for _, p := range m.Params() {
		k := len(p.W)
		p.W, p.G = r.w[off:off+k:off+k], r.g[off:off+k:off+k]
		off += k
	}
	// Size every buffer now, so that Gradient never allocates.
	lo, hi := shareRows(b.B, share, of)
	m.Forward(b.Inputs[lo*b.T:hi*b.T], b.T, hi-lo)
	return r, nil
}

// NumWeights is the length of the flat weights and gradient.
func (r *Replica) NumWeights() int { return len(r.w) }

// Gradient computes the replica's share of batch step % len(Batches) at the
// flat weights (Trainer.FlatWeights). The result's slices belong to the
// replica and are overwritten by the next call.
func (r *Replica) Gradient(step int, weights []float64) (ShardResult, error) {
	if err := r.check(step, weights); err != nil {
		return ShardResult{}, err
	}
	copy(r.w, weights)
	return r.gradient(step), nil
}

// check rejects weights of another model and a negative step, which could
// come from a message.
func (r *Replica) check(step int, weights []float64) error {
	if len(weights) != len(r.w) {
		return fmt.Errorf("got %d weights; this model has %d (was the replica built from the trainer's text, configuration and vocabulary?)", len(weights), len(r.w))
	}
	if step < 0 {
		return fmt.Errorf("step must be 0 or more (got %d)", step)
	}
	return nil
}

// gradient computes the share at the weights already in r.w.
func (r *Replica) gradient(step int) ShardResult {
	b := &r.data.Batches[step%len(r.data.Batches)]
	lo, hi := shareRows(b.B, r.share, r.of)
	rows := b.Inputs[lo*b.T : hi*b.T]
	m := r.model
	clear(r.g)
	m.Forward(rows, b.T, hi-lo)
	sum := m.lossSum(b.Targets[lo*b.T:hi*b.T], counted(b.Targets))
	m.Backward()
	return ShardResult{Grad: r.g, LossSum: sum, Pred: m.pred}
}

// LocalShards returns the goroutine workers for shares 1..n-1 of t's
// batches, n = min(n, B), each with a replica of t's model on t's data, to
// pass to t.UseShards. The replicas read t.Data, which must not change
// while they live. Each worker is an io.Closer: Close ends its goroutine
// (after any step in progress), and a closed worker's Wait returns an
// error. n = 1 returns none.
func LocalShards(t *Trainer, n int) ([]ShardWorker, error) {
	if n < 1 {
		return nil, fmt.Errorf("workers must be at least 1 (got %d)", n)
	}
	n = min(n, t.Data.Batches[0].B)
	copies := int64(n-1) * 2 * 8 * t.Config.ParamCount(t.V) // each replica's weights and gradient
	if copies > MemoryBudget {
		return nil, NewProblem(CodeWorkersMemory, n, copies>>20, MemoryBudget>>20)
	}
	workers := make([]ShardWorker, 0, n-1)
	for share := 1; share < n; share++ {
		r, err := newReplica(t.Data, t.Config, share, n)
		if err != nil {
			return nil, err
		}
		workers = append(workers, newLocalShard(r))
	}
	return workers, nil
}

// localShard runs a replica on a goroutine of its own.
type localShard struct {
	r       *Replica
	steps   chan int      // Start → goroutine: the step to compute, r.w already set
	done    chan struct{} // goroutine → Wait: res is ready
	res     ShardResult
	err     error // Start's refusal, returned by Wait
	pending bool  // a step was sent and not yet waited for
	closed  bool
}

var errClosedShard = errors.New("the shard worker is closed")

func newLocalShard(r *Replica) *localShard {
	s := &localShard{r: r, steps: make(chan int), done: make(chan struct{}, 1)}
	go func() {
		for step := range s.steps {
			s.res = s.r.gradient(step)
			s.done <- struct{}{}
		}
	}()
	return s
}

// Start copies the weights into the replica and hands the step to the
// goroutine.
func (s *localShard) Start(step int, weights []float64) {
	if s.pending {
		<-s.done // a Start without its Wait: finish the old step first
		s.pending = false
	}
	switch {
	case s.closed:
		s.err = errClosedShard
	default:
		s.err = s.r.check(step, weights)
	}
	if s.err != nil {
		return
	}
	copy(s.r.w, weights)
	s.steps <- step
	s.pending = true
}

// Wait returns the share's gradient.
func (s *localShard) Wait() (ShardResult, error) {
	if !s.pending {
		if s.err == nil {
			s.err = errors.New("Wait without Start")
		}
		return ShardResult{}, s.err
	}
	<-s.done
	s.pending = false
	return s.res, nil
}

// Close ends the goroutine once it has finished any step in progress.
func (s *localShard) Close() error {
	if !s.closed {
		s.closed = true
		close(s.steps)
	}
	return nil
}
