package rnn_test

import (
	"fmt"
	"io"
	"strings"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// Training on 2 cores: every batch of 8 windows is split into 2 shares of
// 4 rows, one computed by the trainer, one by a goroutine.
func ExampleLocalShards() {
	cfg := rnn.DefaultConfig()
	cfg.Tokenizer, cfg.Window, cfg.Batch, cfg.Cell = rnn.CharTokens, 16, 8, rnn.LSTM
	tr, err := rnn.NewTrainer(strings.Repeat("We are going to watch Avengers End Game. ", 8), cfg)
	if err != nil {
		panic(err)
	}
	workers, err := rnn.LocalShards(tr, 2)
	if err != nil {
		panic(err)
	}
	defer func() {
		for _, w := range workers {
			w.(io.Closer).Close() // ends the goroutine
		}
	}()
	tr.UseShards(workers)
	var first, last float64
	for step := range 20 {
		loss, err := tr.Step()
		if err != nil {
			panic(err)
		}
		if step == 0 {
			first = loss
		}
		last = loss
	}
	fmt.Printf("%d shares of %d rows; the loss falls: %v\n", tr.Shards(), tr.Batch().B, last < first)
	// Output:
	// 2 shares of 8 rows; the loss falls: true
}
