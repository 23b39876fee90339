// Package trainer is RNN Playground's training Web Worker: it holds the
// run's model (package rnn), trains it in slices that leave the worker's
// event loop free, answers the page's commands with events (package
// app/protocol), and shares large batches with helper workers. It never
// imports go-app: the page and the worker share only the protocol.
package trainer
