// Package app is RNN Playground's user interface: go-app components for the
// page, and the training driver that runs the rnn core in a Web Worker.
package app
