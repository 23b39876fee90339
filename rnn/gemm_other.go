//go:build !wasm

package rnn

// defaultRowBlock: see rowBlock.
const defaultRowBlock = 2
