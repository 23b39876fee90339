package app

import (
	"os"
	"strings"
	"testing"
)

// The loader (cmd/serve/loader.js) shows the server's copy of the page
// only to a browser that keeps nothing of the playground's, and knows that
// by the keys' common start, and the chosen language by its key.
func TestStorageKeysAreTheLoaders(t *testing.T) {
	for _, key := range []string{langKey, lastModelKey, keptIndexKey, slotKey(keptSlots - 1), pastRunsKey} {
		if !strings.HasPrefix(key, "rnn-playground") {
			t.Errorf("storage key %q does not start with rnn-playground", key)
		}
	}
	loader, err := os.ReadFile("../cmd/serve/loader.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`k.startsWith("rnn-playground")`, `localStorage.getItem("` + langKey + `")`} {
		if !strings.Contains(string(loader), want) {
			t.Errorf("cmd/serve/loader.js lacks %s", want)
		}
	}
}
