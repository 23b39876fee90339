package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rnn-playground/rnn-playground/rnn"
)

func loadLM(path string) (*rnn.LM, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lm, err := rnn.LoadLM(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return lm, nil
}

func saveLM(lm *rnn.LM, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := lm.Save(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// evalResult is eval's -json output: the notebook's loss and output.
type evalResult struct {
	Loss   float64     `json:"loss"`
	Shape  [2]int      `json:"shape"`  // (B·T, V)
	Logits [][]float64 `json:"logits"` // rows batch_first, as output.view(-1, V)
	Vocab  []string    `json:"vocab"`
}

func eval(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(stderr)
	load := fs.String("load", "", "checkpoint to evaluate (required)")
	text := fs.String("text", notebookText, "text; each non-empty line is a sequence")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *load == "" {
		return fmt.Errorf("eval needs -load FILE")
	}
	lm, err := loadLM(*load)
	if err != nil {
		return err
	}
	cfg := rnn.DefaultConfig()
	cfg.Steps = 1
	tr, err := rnn.NewTrainerFrom(lm, *text, cfg)
	if err != nil {
		return err
	}
	b := tr.Batch()
	logits := tr.Forward(b.Inputs, b.T, b.B)
	res := evalResult{Loss: tr.Loss(b.Targets), Shape: [2]int{b.T * b.B, lm.V}, Vocab: lm.Vocab.Tokens()}
	for r := 0; r < b.T*b.B; r++ {
		res.Logits = append(res.Logits, logits[r*lm.V:(r+1)*lm.V])
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	fmt.Fprintf(stdout, "loss %.4f\noutput (%d, %d):\n", res.Loss, res.Shape[0], res.Shape[1])
	for _, row := range res.Logits {
		for j, v := range row {
			if j > 0 {
				fmt.Fprint(stdout, " ")
			}
			fmt.Fprintf(stdout, "%8.4f", v)
		}
		fmt.Fprintln(stdout)
	}
	return nil
}
