package protocol

import (
	"encoding/json"
	"testing"
)

// The commands that halt a step waiting for a helper, read as the page
// writes them (a Command's JSON, Cmd first).
func TestCmdOfHaltsTraining(t *testing.T) {
	for cmd, want := range map[Cmd]bool{Pause: true, Reset: true, Import: true,
		Play: false, StepOnce: false, Ask: false, Generate: false, Watch: false, Export: false} {
		b, err := json.Marshal(Command{Cmd: cmd, Run: 3, Query: "cmd=pause", Prefix: "pause"})
		if err != nil {
			t.Fatal(err)
		}
		if got := CmdOf(string(b)); got != cmd {
			t.Errorf("CmdOf(%s) = %q, want %q", b, got, cmd)
		}
		if got := CmdOf(string(b)).HaltsTraining(); got != want {
			t.Errorf("%s halts training: %v, want %v", cmd, got, want)
		}
	}
	for _, msg := range []string{"", `{"cmd":`, `{"run":1,"cmd":"pause"}`, `pause`} {
		if got := CmdOf(msg); got != "" {
			t.Errorf("CmdOf(%q) = %q, want none", msg, got)
		}
	}
}
