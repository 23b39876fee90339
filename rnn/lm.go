package rnn

import (
	"math"
	"math/rand/v2"
	"sort"
)

// LM is a model with the vocabulary and tokenizer it was trained with:
// everything needed to read text and predict the next token, and what a
// checkpoint holds.
type LM struct {
	*Model
	Vocab     *Vocab
	Tokenizer Tokenizer
}

// TokenProb is a token with its predicted probability.
type TokenProb struct {
	Token string
	ID    int
	P     float64
}

// MaxGenerate bounds Generate's length: each new token re-reads the
// whole sequence.
const MaxGenerate = 1000

// ErrNoPrefix is returned when a prefix has no tokens.
var ErrNoPrefix = NewProblem(CodeNoPrefix)

// NextProbs is the distribution of the token that follows the prefix ids:
// softmax of the logits at the last position.
func (lm *LM) NextProbs(ids []int) []float64 {
	logits := lm.Forward(ids, len(ids), 1)
	p := make([]float64, lm.V)
	softmaxInto(p, logits[(len(ids)-1)*lm.V:])
	return p
}

// Predict returns the k most likely next tokens after prefix, most likely
// first. Tokens the vocabulary does not know are read as <unk>.
func (lm *LM) Predict(prefix string, k int) ([]TokenProb, error) {
	toks := Tokenize(prefix, lm.Tokenizer)
	if len(toks) == 0 {
		return nil, ErrNoPrefix
	}
	return TopK(lm.Vocab, lm.NextProbs(lm.Vocab.Encode(toks)), k), nil
}

// TopK returns the k largest probabilities with their tokens, largest
// first, ties by id.
func TopK(v *Vocab, probs []float64, k int) []TokenProb {
	all := make([]TokenProb, len(probs))
	for id, p := range probs {
		all[id] = TokenProb{Token: v.Token(id), ID: id, P: p}
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].P > all[j].P })
	return all[:min(max(k, 0), len(all))]
}

// Generate continues prefix by n tokens: greedily (the argmax) when
// temperature is 0, else sampled from softmax(logits/temperature) with a
// generator seeded by seed, so the same call gives the same text.
func (lm *LM) Generate(prefix string, n int, temperature float64, seed uint64) ([]string, error) {
	toks := Tokenize(prefix, lm.Tokenizer)
	if len(toks) == 0 {
		return nil, ErrNoPrefix
	}
	if n < 0 || n > MaxGenerate {
		return nil, NewProblem(CodeGenerateCount, MaxGenerate, n)
	}
	if math.IsNaN(temperature) || temperature < 0 || temperature > 100 {
		return nil, NewProblem(CodeTemperature, temperature)
	}
	ids := lm.Vocab.Encode(toks)
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	out := make([]string, 0, n)
	for range n {
		logits := lm.Forward(ids, len(ids), 1)
		last := logits[(len(ids)-1)*lm.V:]
		next := argmax(last)
		if temperature > 0 {
			next = sample(last, temperature, rng.Float64())
		}
		ids = append(ids, next)
		out = append(out, lm.Vocab.Token(next))
	}
	return out, nil
}

// sample draws an index from softmax(logits/temperature) by inverting the
// cumulative distribution at u ∈ [0, 1).
func sample(logits []float64, temperature, u float64) int {
	m := logits[argmax(logits)]
	var sum float64
	for _, v := range logits {
		sum += math.Exp((v - m) / temperature)
	}
	acc := 0.0
	for j, v := range logits {
		acc += math.Exp((v-m)/temperature) / sum
		if u < acc {
			return j
		}
	}
	return argmax(logits)
}
