package rnn

import (
	"fmt"
	"math"
)

// Trainer runs the notebook's training loop one step at a time:
//
//	optimizer.zero_grad(); output = model(x); loss = loss_function(output, t)
//	loss.backward(); clip_grad_norm_; optimizer.step()
//
// A step allocates nothing.
type Trainer struct {
	LM
	Config Config
	Data   *Dataset

	opt    optimizer
	clip   float64     // with a schedule, the clipping of the step
	steps  int         // optimiser steps done
	batch  *Batch      // the batch of the last step
	pred   []int       // (B·T) argmax of the last step's forward pass, kept apart from the model's buffers
	backup [][]float64 // weights before the last update, to undo a step that overflows

	shards  []ShardWorker // shares 1..n-1 of every batch; none: the trainer computes the whole batch
	flat    []float64     // the flat weights sent to the shards
	results []ShardResult // the shards' answers in the current step
}

// optimizer is Adam or SGD: update copies the weights into old, takes one
// step and reports whether every updated weight is finite.
type optimizer interface {
	update(params []*Param, old [][]float64) bool
	setLR(lr float64)
}

// DivergedError reports a step whose loss, gradient or updated weights
// are not finite. The model keeps the last finite weights.
type DivergedError struct {
	Step int     // 1-based step that failed
	Loss float64 // its loss (NaN or ±Inf when the forward pass overflowed)
	What string  // "loss", "gradient" or "weights"
}

func (e *DivergedError) Error() string { return e.Problem().Error() }

// Problem is the divergence as the page words it.
func (e *DivergedError) Problem() *Problem {
	return NewProblem(CodeDiverged, e.Step, e.What, nonFiniteWord(e))
}

func nonFiniteWord(e *DivergedError) string {
	if e.What == "loss" && math.IsInf(e.Loss, 0) {
		return "infinite"
	}
	return "NaN or infinite"
}

// NewTrainer builds the data, vocabulary and model for text under cfg and
// initialises the model as PyTorch does after torch.manual_seed(cfg.Seed).
func NewTrainer(text string, cfg Config) (*Trainer, error) {
	data, err := trainingData(text, cfg, nil)
	if err != nil {
		return nil, err
	}
	m := NewModel(cfg.Cell, data.Vocab.Size(), cfg.Embed, cfg.Hidden, cfg.Layers)
	m.InitTorch(cfg.Seed)
	return newTrainer(LM{Model: m, Vocab: data.Vocab, Tokenizer: cfg.Tokenizer}, data, cfg), nil
}

// NewTrainerFrom continues training a loaded model on text. The model's
// vocabulary, tokenizer and sizes win over cfg's; tokens the vocabulary
// does not know are read as <unk>.
func NewTrainerFrom(lm *LM, text string, cfg Config) (*Trainer, error) {
	cfg.Cell, cfg.Tokenizer = lm.Cell, lm.Tokenizer
	cfg.Embed, cfg.Hidden, cfg.Layers = lm.E, lm.H, lm.L
	data, err := trainingData(text, cfg, lm.Vocab)
	if err != nil {
		return nil, err
	}
	return newTrainer(*lm, data, cfg), nil
}

// trainingData is the one way a trainer or a replica reads its text:
// validate cfg before anything is sized from it, build the dataset,
// re-encode it with vocab unless vocab is nil (a loaded model's
// vocabulary), and refuse a run beyond MemoryBudget. Trainer and replicas
// must see the same batches, so they must not each write this out.
func trainingData(text string, cfg Config, vocab *Vocab) (*Dataset, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	data, err := NewDataset(text, cfg)
	if err != nil {
		return nil, err
	}
	if vocab != nil {
		data = data.recode(vocab)
	}
	if err := checkMemory(cfg, data); err != nil {
		return nil, err
	}
	return data, nil
}

func checkMemory(cfg Config, d *Dataset) error {
	b := d.Batches[0]
	need := cfg.MemoryEstimate(d.Vocab.Size(), b.T, b.B)
	if need <= MemoryBudget {
		return nil
	}
	if cfg.Window == 0 && cfg.MemoryEstimate(d.Vocab.Size(), 1, 1) <= MemoryBudget {
		// The model fits; its activations over the longest line do not.
		return NewProblem(CodeMemoryLines, need>>20, MemoryBudget>>20, b.T+1)
	}
	return NewProblem(CodeMemory, need>>20, MemoryBudget>>20)
}

func newTrainer(lm LM, data *Dataset, cfg Config) *Trainer {
	t := &Trainer{LM: lm, Config: cfg, Data: data}
	params := lm.Params()
	if cfg.Optimizer == SGD {
		t.opt = newSGD(params, cfg.LR, cfg.Momentum, cfg.WeightDecay)
	} else {
		t.opt = newAdam(params, cfg.LR, cfg.WeightDecay)
	}
	for _, p := range params {
		t.backup = append(t.backup, make([]float64, len(p.W)))
	}
	t.batch = &data.Batches[0]
	// Size every buffer now, so that Step never allocates: all batches
	// have the shape of the first.
	t.Forward(t.batch.Inputs, t.batch.T, t.batch.B)
	t.pred = make([]int, t.batch.T*t.batch.B)
	return t
}

// StepsDone is the number of optimiser steps taken.
func (t *Trainer) StepsDone() int { return t.steps }

// Done reports whether Config.Steps steps have been taken.
func (t *Trainer) Done() bool { return t.steps >= t.Config.Steps }

// Resume sets the steps taken to step, for a model restored at that step
// of its run: training goes on with the batch that step would take, up to
// Config.Steps. The optimiser starts afresh: a checkpoint holds weights.
func (t *Trainer) Resume(step int) { t.steps = min(max(step, 0), t.Config.Steps) }

// Batch is the batch of the last step (the first batch before any step).
func (t *Trainer) Batch() *Batch { return t.batch }

// Step takes one optimiser step on the next batch and returns the loss of
// its forward pass, computed before the update as the notebook prints it.
// A step that produces a non-finite loss, gradient or weight is undone and
// returns a *DivergedError. With shards (UseShards), a worker's error is
// returned as it is and the loss is NaN; the weights and what the last
// step logs (Predicted, LogLines) are untouched.
func (t *Trainer) Step() (float64, error) {
	b := &t.Data.Batches[t.steps%len(t.Data.Batches)]
	t.follow(t.steps + 1)
	params := t.Params()
	loss, err := t.gradient(b)
	if err != nil {
		return loss, err
	}
	t.batch = b
	if math.IsNaN(loss) || math.IsInf(loss, 0) {
		return loss, &DivergedError{Step: t.steps + 1, Loss: loss, What: "loss"}
	}
	if !t.checkGradient(params) {
		return loss, &DivergedError{Step: t.steps + 1, Loss: loss, What: "gradient"}
	}
	if !t.opt.update(params, t.backup) {
		for k, p := range params {
			copy(p.W, t.backup[k])
		}
		return loss, &DivergedError{Step: t.steps + 1, Loss: loss, What: "weights"}
	}
	t.steps++
	return loss, nil
}

// checkGradient reports whether the gradient's norm is finite and, with
// Config.Clip, clips the gradient to it.
func (t *Trainer) checkGradient(params []*Param) bool {
	norm := gradNorm(params)
	if math.IsNaN(norm) || math.IsInf(norm, 0) {
		return false
	}
	clip := t.Config.Clip
	if len(t.Config.Schedule) > 0 {
		clip = t.clip
	}
	if clip > 0 {
		clipGradNorm(params, clip, norm)
	}
	return true
}

// gradient fills every Param.G with the gradient of batch b's mean loss
// and t.pred with its predictions, and returns the loss: alone, or with the
// shards (see UseShards). A non-finite loss leaves the gradient unset.
func (t *Trainer) gradient(b *Batch) (float64, error) {
	if len(t.shards) > 0 {
		return t.shardedGradient(b)
	}
	t.ZeroGrad()
	t.Forward(b.Inputs, b.T, b.B)
	loss := t.Loss(b.Targets)
	copy(t.pred, t.Model.pred)
	if !math.IsNaN(loss) && !math.IsInf(loss, 0) {
		t.Backward()
	}
	return loss, nil
}

// Predicted is the decoded argmax of the last step's forward pass
// (output.softmax(-1).argmax(-1)), one row per sequence, padding dropped.
func (t *Trainer) Predicted() [][]string {
	b := t.batch
	rows := make([][]string, b.B)
	for r := range rows {
		for s := 0; s < b.T && b.Targets[r*b.T+s] != Ignore; s++ {
			rows[r] = append(rows[r], t.Vocab.Token(t.pred[r*b.T+s]))
		}
	}
	return rows
}

// Wrong marks, for each token of Predicted, whether it differs from the target.
func (t *Trainer) Wrong() [][]bool {
	b := t.batch
	rows := make([][]bool, b.B)
	for r := range rows {
		for s := 0; s < b.T && b.Targets[r*b.T+s] != Ignore; s++ {
			rows[r] = append(rows[r], t.pred[r*b.T+s] != b.Targets[r*b.T+s])
		}
	}
	return rows
}

// ShouldLog reports whether the notebook would print after 1-based step
// (its `if step % 30 == 0` counts from 0), and always after the last one.
func ShouldLog(step, steps, every int) bool {
	return every > 0 && (step-1)%every == 0 || step == steps
}

// LogLines formats the last step as the notebook prints it:
//
//	[31/151] 1.9172
//	We are Avengers going are Avengers End Game
//
// the header, then per sequence its first input token and the predictions.
func (t *Trainer) LogLines(loss float64) []string {
	lines := []string{fmt.Sprintf("[%02d/%d] %.4f", t.steps, t.Config.Steps, loss)}
	b := t.batch
	for r, pred := range t.Predicted() {
		first := t.Vocab.Token(b.Inputs[r*b.T])
		lines = append(lines, Join(append([]string{first}, pred...), t.Tokenizer))
	}
	return lines
}
