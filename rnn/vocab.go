package rnn

import "fmt"

// Unk is the id of the unknown token, "<unk>", as in the notebook's
// vocab['<unk>'] = 0.
const (
	Unk      = 0
	UnkToken = "<unk>"
)

// Vocab maps tokens to ids: "<unk>" is 0, the others are numbered from 1 in
// order of first appearance.
//
// The notebook builds {token: i for i, token in enumerate(sentence, 1)}; on a
// sentence that repeats a word that dict keeps the last index and leaves gaps
// (and vocab_size = len(vocab) is then smaller than the largest id + 1). Here
// ids are always contiguous; on a sentence without repeats, like the
// notebook's, both give the same ids.
type Vocab struct {
	tokens []string       // id → token
	ids    map[string]int // token → id
}

// NewVocab numbers the distinct tokens in order of first appearance, after
// <unk>. A token spelled "<unk>" in the text maps to id 0.
func NewVocab(tokens []string) *Vocab {
	v := &Vocab{tokens: []string{UnkToken}, ids: map[string]int{UnkToken: Unk}}
	for _, t := range tokens {
		if _, ok := v.ids[t]; !ok {
			v.ids[t] = len(v.tokens)
			v.tokens = append(v.tokens, t)
		}
	}
	return v
}

// VocabFromTokens rebuilds a vocabulary from its tokens in id order, as
// stored in a checkpoint. The first must be "<unk>" and none may repeat.
func VocabFromTokens(tokens []string) (*Vocab, error) {
	if len(tokens) == 0 || tokens[0] != UnkToken {
		return nil, fmt.Errorf("vocabulary must start with %q", UnkToken)
	}
	v := &Vocab{tokens: append([]string(nil), tokens...), ids: make(map[string]int, len(tokens))}
	for i, t := range tokens {
		if _, dup := v.ids[t]; dup {
			return nil, fmt.Errorf("vocabulary repeats the token %q (ids %d and %d)", clip(t, 40), v.ids[t], i)
		}
		v.ids[t] = i
	}
	return v, nil
}

// Size is V, the number of ids including <unk>.
func (v *Vocab) Size() int { return len(v.tokens) }

// ID is the token's id, or Unk for a token the vocabulary does not know.
func (v *Vocab) ID(token string) int {
	if id, ok := v.ids[token]; ok {
		return id
	}
	return Unk
}

// Token is the id's token (the notebook's rev_vocab), or "<unk>" out of range.
func (v *Vocab) Token(id int) string {
	if id < 0 || id >= len(v.tokens) {
		return UnkToken
	}
	return v.tokens[id]
}

// Tokens returns the tokens in id order; the caller must not modify it.
func (v *Vocab) Tokens() []string { return v.tokens }

// Encode maps tokens to ids (the notebook's numericalize).
func (v *Vocab) Encode(tokens []string) []int {
	ids := make([]int, len(tokens))
	for i, t := range tokens {
		ids[i] = v.ID(t)
	}
	return ids
}

// Decode maps ids to tokens (the notebook's decode).
func (v *Vocab) Decode(ids []int) []string {
	toks := make([]string, len(ids))
	for i, id := range ids {
		toks[i] = v.Token(id)
	}
	return toks
}

// clip shortens s to at most n runes for a message.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
