package rnn

import "math"

// crossEntropy is nn.CrossEntropyLoss(ignore_index=Ignore) with mean
// reduction: the mean over the counted targets of −log softmax(logits)[target].
// It writes ∂loss/∂logits into dlogits (zero rows for ignored targets) and
// the argmax of each row into pred.
func crossEntropy(dlogits, logits []float64, targets, pred []int, v int) float64 {
	count := counted(targets)
	sum := crossEntropySum(dlogits, logits, targets, pred, v, count)
	if count == 0 {
		return 0
	}
	return sum / float64(count)
}

// crossEntropySum is crossEntropy for a share of a batch: it returns the
// share's sum of −log p(target) and divides ∂loss/∂logits by count, the
// whole batch's counted targets, so that the shares' gradients add up to
// the gradient of the batch's mean.
func crossEntropySum(dlogits, logits []float64, targets, pred []int, v, count int) float64 {
	var sum float64
	for r, t := range targets {
		row, drow := logits[r*v:(r+1)*v], dlogits[r*v:(r+1)*v]
		pred[r] = argmax(row)
		if t == Ignore {
			clear(drow)
			continue
		}
		lse := softmaxInto(drow, row)
		sum += lse - row[t]
		drow[t]--
		for j := range drow {
			drow[j] /= float64(count)
		}
	}
	return sum
}

// counted is the number of targets the loss counts (not Ignore).
func counted(targets []int) int {
	count := 0
	for _, t := range targets {
		if t != Ignore {
			count++
		}
	}
	return count
}

// softmaxInto writes softmax(x) into p and returns log Σ exp(x), computed
// from the maximum so that large logits do not overflow.
func softmaxInto(p, x []float64) float64 {
	m := x[argmax(x)]
	exps(p, x, m)
	var s float64
	for _, v := range p {
		s += v
	}
	for j := range p {
		p[j] /= s
	}
	return m + math.Log(s)
}

// argmax is the index of the largest value, the first one on ties (as
// torch.argmax); a NaN wins, as in PyTorch.
func argmax(x []float64) int {
	best := 0
	for j, v := range x {
		if math.IsNaN(v) {
			return j
		}
		if v > x[best] {
			best = j
		}
	}
	return best
}
