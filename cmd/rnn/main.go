// Command rnn trains, evaluates and queries RNN Playground models from the
// command line, with the same core as the browser. Its default run is the
// notebook's:
//
//	go run ./cmd/rnn train -text "We are going to watch Avengers End Game"
//
// prints exactly what the notebook prints with torch.manual_seed(70).
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  rnn train   [flags]   train a model and print the notebook's log (-h for flags)
  rnn eval    -load F -text T [-json]      loss and logits of T under a checkpoint
  rnn predict -load F -prefix P [-k 5] [-generate N -temperature 0.8]
`

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "rnn:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("missing command")
	}
	switch args[0] {
	case "train":
		return train(args[1:], stdout, stderr)
	case "eval":
		return eval(args[1:], stdout, stderr)
	case "predict":
		return predict(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
