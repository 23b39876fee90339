// Package app is RNN Playground's page: go-app components, one a file, and
// the run's state they are drawn from. The training runs in a Web Worker
// (package app/trainer); the two speak package app/protocol.
package app
