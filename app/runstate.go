package app

import (
	"fmt"
	"maps"
	"net/url"
	"strings"

	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/rnn"
)

// runState is the page's one description of the run: what each field of
// the form holds, the settings they give, and where the weights come from.
// The form, the link, the Train card and the commands to the worker are
// derived from it; the student's edits are transitions (edit), pure and
// tested natively.
//
// A field keeps what the student typed even when it is refused: the field
// is marked and Train says why it is blocked. Nothing trains on a value the
// form does not show.
type runState struct {
	Fields   map[string]string // each option as the form shows it, by query key
	Errors   map[string]string // refused fields by key; key "" refuses the whole
	Settings protocol.Settings // what the fields give: the run's, unless Errors is set
	Origin   origin            // where the weights come from
}

// newRunState is the state of valid settings: the form shows them as the
// link writes them, the weights come from the seed.
func newRunState(s protocol.Settings) runState {
	fields := make(map[string]string)
	for _, k := range protocol.SettingKeys() {
		fields[k] = s.Get(k)
	}
	return runState{Fields: fields, Errors: map[string]string{}, Settings: s}
}

// edit is the student's change of one field. Every field is read again, so
// options that depend on each other (a window and its batch) are accepted in
// any order of entry. A change of the run's settings drops any restored or
// imported model: the weights come from the seed again.
func (r runState) edit(key, raw string) runState {
	fields := maps.Clone(r.Fields)
	fields[key] = raw
	next := evaluate(fields)
	next.Origin = r.Origin
	if next.Settings.RunQuery() != r.Settings.RunQuery() || next.blocked() {
		next.Origin = origin{}
	}
	return next
}

// evaluate reads fields into settings. An accepted field is shown as the
// link writes it (" LSTM " reads as lstm); a refused one keeps its text.
func evaluate(fields map[string]string) runState {
	s := protocol.DefaultSettings()
	errs := map[string]string{}
	for _, k := range protocol.SettingKeys() {
		raw, ok := fields[k]
		if !ok {
			continue
		}
		if err := s.Set(k, raw); err != nil {
			errs[k] = Terr(err)
		}
	}
	if len(errs) == 0 {
		if err := s.Config.Validate(); err != nil {
			errs[combinationKey(s)] = Terr(err)
		}
	}
	for _, k := range protocol.SettingKeys() {
		if _, refused := errs[k]; !refused {
			fields[k] = s.Get(k)
		}
	}
	return runState{Fields: fields, Errors: errs, Settings: s}
}

// combinationKey is the field to mark when each option is valid alone but
// not with the others: the only such pair is a window without a batch.
func combinationKey(s protocol.Settings) string {
	if s.Config.Window > 0 && s.Config.Batch == 0 {
		return "batch"
	}
	return ""
}

// blocked reports whether a field is refused: then there is no run.
func (r runState) blocked() bool { return len(r.Errors) > 0 }

// query is the run's part of the link: every field as the form shows it,
// in the order the settings write them. For settings that are not
// blocked it is Settings.Query().
func (r runState) query() string {
	var b strings.Builder
	for i, k := range protocol.SettingKeys() {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(r.Fields[k]))
	}
	return b.String()
}

// resetCommand is the command that starts run: the settings' query, or
// nothing while a field is refused.
func (r runState) resetCommand(run int) (protocol.Command, bool) {
	if r.blocked() {
		return protocol.Command{}, false
	}
	return protocol.Command{Cmd: protocol.Reset, Run: run, Query: r.Settings.Query()}, true
}

// changeAt changes lr or clip from step on while the run trains: the
// form's field keeps the value the run began with, the schedule holds the
// change, and the weights stay where they are.
func (r runState) changeAt(key, raw string, step int) (runState, error) {
	ch, err := rnn.ParseSchedule(fmt.Sprintf("%d:%s=%s", step, key, strings.TrimSpace(raw)))
	if err != nil {
		return r, err
	}
	fields := maps.Clone(r.Fields)
	fields["schedule"] = r.Settings.Config.Schedule.With(ch[0]).String()
	next := evaluate(fields)
	next.Origin = r.Origin
	return next, nil
}
