package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"github.com/rnn-playground/rnn-playground/rnn"
)

func predict(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("predict", flag.ContinueOnError)
	fs.SetOutput(stderr)
	load := fs.String("load", "", "checkpoint (required)")
	prefix := fs.String("prefix", "We are", "text to continue")
	k := fs.Int("k", 5, "how many next tokens to show")
	gen := fs.Int("generate", 0, "also generate this many tokens")
	temp := fs.Float64("temperature", 0, "sampling temperature for -generate (0 = greedy)")
	seed := fs.Uint64("seed", 1, "sampling seed for -generate")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *load == "" {
		return fmt.Errorf("predict needs -load FILE")
	}
	lm, err := loadLM(*load)
	if err != nil {
		return err
	}
	top, err := lm.Predict(*prefix, *k)
	if err != nil {
		return err
	}
	var cont []string
	if *gen > 0 {
		if cont, err = lm.Generate(*prefix, *gen, *temp, *seed); err != nil {
			return err
		}
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(struct {
			Next       []rnn.TokenProb `json:"next"`
			Generation []string        `json:"generation,omitempty"`
		}{top, cont})
	}
	for _, tp := range top {
		fmt.Fprintf(stdout, "%-16s %.4f\n", tp.Token, tp.P)
	}
	if cont != nil {
		fmt.Fprintln(stdout, rnn.Join(append(rnn.Tokenize(*prefix, lm.Tokenizer), cont...), lm.Tokenizer))
	}
	return nil
}
