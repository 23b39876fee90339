package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/rnn-playground/rnn-playground/rnn"
)

const notebookText = "We are going to watch Avengers End Game"

// configFlags binds every option of rnn.Config to a flag, defaulting to
// the notebook's run.
type configFlags struct {
	cfg            rnn.Config
	tok, cell, opt string
	schedule       string
	text, textFile string
	seed           uint64
}

func newConfigFlags(fs *flag.FlagSet) *configFlags {
	f := &configFlags{cfg: rnn.DefaultConfig()}
	c := &f.cfg
	fs.StringVar(&f.text, "text", notebookText, "training text; each non-empty line is a sequence")
	fs.StringVar(&f.textFile, "file", "", "read the training text from this file instead of -text")
	fs.StringVar(&f.tok, "tok", "word", "tokenizer: word or char")
	fs.StringVar(&f.cell, "cell", "rnn", "cell: rnn, rnn_relu, lstm or gru")
	fs.IntVar(&c.Layers, "layers", c.Layers, "stacked recurrent layers")
	fs.IntVar(&c.Embed, "embed", c.Embed, "embedding size E")
	fs.IntVar(&c.Hidden, "hidden", c.Hidden, "hidden size H")
	fs.StringVar(&f.opt, "opt", "adam", "optimizer: adam or sgd")
	fs.Float64Var(&c.LR, "lr", c.LR, "learning rate")
	fs.Float64Var(&c.Momentum, "momentum", c.Momentum, "SGD momentum")
	fs.Float64Var(&c.WeightDecay, "wd", c.WeightDecay, "weight decay")
	fs.Float64Var(&c.Clip, "clip", c.Clip, "clip the gradient norm to this (0 = off)")
	fs.Uint64Var(&c.Seed, "seed", c.Seed, "torch.manual_seed")
	fs.IntVar(&c.Steps, "steps", c.Steps, "optimiser steps")
	fs.IntVar(&c.Window, "window", c.Window, "corpus mode: window length T (0 = one sequence per line)")
	fs.IntVar(&c.Batch, "batch", c.Batch, "corpus mode: windows per batch B")
	fs.StringVar(&f.schedule, "schedule", "", "changes from a step on, e.g. 31:lr=0.01,61:clip=1")
	return f
}

// resolve parses the named options and reads the text.
func (f *configFlags) resolve() (rnn.Config, string, error) {
	var err error
	c := f.cfg
	if c.Tokenizer, err = rnn.ParseTokenizer(f.tok); err != nil {
		return c, "", err
	}
	if c.Cell, err = rnn.ParseCell(f.cell); err != nil {
		return c, "", err
	}
	if c.Optimizer, err = rnn.ParseOptimizer(f.opt); err != nil {
		return c, "", err
	}
	if c.Schedule, err = rnn.ParseSchedule(f.schedule); err != nil {
		return c, "", err
	}
	text := f.text
	if f.textFile != "" {
		b, err := os.ReadFile(f.textFile)
		if err != nil {
			return c, "", err
		}
		text = string(b)
	}
	return c, text, c.Validate()
}

// logEntry is one -json line.
type logEntry struct {
	Step       int        `json:"step"`
	Loss       float64    `json:"loss"`
	Prediction [][]string `json:"prediction"`
}

func train(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("train", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := newConfigFlags(fs)
	every := fs.Int("every", 30, "log every this many steps (and at the last)")
	save := fs.String("save", "", "write the trained model to this safetensors file")
	load := fs.String("load", "", "continue from this checkpoint (ours or one written by PyTorch)")
	asJSON := fs.Bool("json", false, "print one JSON object per logged step")
	workers := fs.Int("workers", 1, "data-parallel: split every batch's rows among this many goroutines (at most B); the browser's numbers with as many workers")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, text, err := f.resolve()
	if err != nil {
		return err
	}
	var tr *rnn.Trainer
	if *load != "" {
		lm, err := loadLM(*load)
		if err != nil {
			return err
		}
		tr, err = rnn.NewTrainerFrom(lm, text, cfg)
		if err != nil {
			return err
		}
	} else if tr, err = rnn.NewTrainer(text, cfg); err != nil {
		return err
	}
	shards, err := rnn.LocalShards(tr, *workers)
	if err != nil {
		return err
	}
	defer func() {
		for _, w := range shards {
			w.(io.Closer).Close()
		}
	}()
	tr.UseShards(shards)
	enc := json.NewEncoder(stdout)
	for !tr.Done() {
		loss, err := tr.Step()
		if err != nil {
			return err
		}
		if !rnn.ShouldLog(tr.StepsDone(), cfg.Steps, *every) {
			continue
		}
		if *asJSON {
			if err := enc.Encode(logEntry{tr.StepsDone(), loss, tr.Predicted()}); err != nil {
				return err
			}
			continue
		}
		for _, line := range tr.LogLines(loss) {
			fmt.Fprintln(stdout, line)
		}
		fmt.Fprintln(stdout)
	}
	if *save != "" {
		return saveLM(&tr.LM, *save)
	}
	return nil
}
