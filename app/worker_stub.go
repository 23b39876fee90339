package app

// InWorker reports whether this program runs inside a Web Worker.
func InWorker() bool { return false }

// RunWorker serves training commands from the page until the worker is closed.
func RunWorker() {}
