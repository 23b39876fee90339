package rnn

// defaultRowBlock: see rowBlock.
const defaultRowBlock = 3
