// Package trainer is RNN Playground's training Web Worker: it holds the
// run's model (package rnn), trains it in slices that leave the worker's
// event loop free, answers the page's commands with events (package
// app/protocol), and shares large batches with helper workers. It never
// imports go-app: the page and the worker share only the protocol.
//
// Two parts of that protocol exist for the benchmarks (cmd/browserbench,
// docs/benchmarks.md), each with a test: a progress event's computeMs (the
// time spent training, without the pace's waits) and worker.js?warmup=N
// (the warm-up's steps; 0 turns it off). The page uses neither.
package trainer
