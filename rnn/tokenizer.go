package rnn

import (
	"strconv"
	"strings"
)

// Tokenizer says how text becomes tokens.
type Tokenizer int

const (
	WordTokens Tokenizer = iota // whitespace-separated words, like Python's str.split()
	CharTokens                  // Unicode code points
)

func (t Tokenizer) String() string {
	if t == CharTokens {
		return "char"
	}
	return "word"
}

// ParseTokenizer accepts word and char.
func ParseTokenizer(s string) (Tokenizer, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "word", "words":
		return WordTokens, nil
	case "char", "chars", "character":
		return CharTokens, nil
	}
	return 0, NewProblem(CodeUnknownTok, strconv.Quote(s))
}

// Tokenize splits text into tokens: words separated by white space (Python's
// str.split()) or Unicode code points (any script: Hangul, accents, emoji;
// a combining mark is a token of its own). Invalid UTF-8 bytes become U+FFFD.
func Tokenize(text string, kind Tokenizer) []string {
	if kind == WordTokens {
		return strings.Fields(strings.ToValidUTF8(text, "\uFFFD"))
	}
	toks := make([]string, 0, len(text))
	for _, r := range text {
		toks = append(toks, string(r))
	}
	return toks
}

// Join is the inverse of Tokenize for display: words joined by a space,
// characters joined by nothing.
func Join(tokens []string, kind Tokenizer) string {
	if kind == CharTokens {
		return strings.Join(tokens, "")
	}
	return strings.Join(tokens, " ")
}
