package rnn

import (
	"errors"
	"fmt"
	"strconv"
)

// A Problem is an error a student can meet: a code and the values its
// sentence names. Error is the English sentence; the page words the code
// in the student's language (app/i18n_problems.go), so that no message is
// translated by reading its English. Detail is the technical cause, shown
// on demand (what exactly is wrong in a model file).
type Problem struct {
	Code   Code     `json:"code"`
	Args   []string `json:"args,omitempty"`  // the values, as the sentence shows them
	Cause  *Problem `json:"cause,omitempty"` // a problem inside this one (why a link's value was not used), the sentence's last value
	Detail string   `json:"detail,omitempty"`
}

// Code names one kind of problem. Its English sentence is in Problems; its
// values fill that sentence's %s in order, the cause's sentence last.
type Code string

// The codes, with their English sentences: Go error style (lower case, no
// final stop); the page makes them sentences.
const (
	CodeWholeRange      Code = "whole-range"       // option, min, max
	CodeNumberRange     Code = "number-range"      // option, min, max
	CodeOutOfRange      Code = "out-of-range"      // option, min, max, value
	CodeLRZero          Code = "lr-zero"           // max
	CodeSeed            Code = "seed"              // max
	CodeBatchForWindow  Code = "batch-for-window"  //
	CodeUnknownCell     Code = "unknown-cell"      // value
	CodeUnknownOpt      Code = "unknown-optimizer" // value
	CodeUnknownTok      Code = "unknown-tokenizer" // value
	CodeSchedule        Code = "schedule"          //
	CodeScheduleWhat    Code = "schedule-what"     //
	CodeNoText          Code = "no-text"           //
	CodeTextTooLong     Code = "text-too-long"     // bytes, max MB
	CodeTooManyTokens   Code = "too-many-tokens"   // distinct tokens, max
	CodeSingleTokens    Code = "single-tokens"     //
	CodeShortForWindow  Code = "short-for-window"  // tokens, window, needed
	CodeMemory          Code = "memory"            // MB needed, MB allowed
	CodeMemoryLines     Code = "memory-lines"      // MB needed, MB allowed, tokens of the longest line
	CodeWorkersMemory   Code = "workers-memory"    // workers, MB needed, MB allowed
	CodeDiverged        Code = "diverged"          // step, what ("loss", "gradient", "weights"), how ("NaN or infinite", "infinite")
	CodeNoPrefix        Code = "no-prefix"         //
	CodeGenerateCount   Code = "generate-count"    // max, asked
	CodeTemperature     Code = "temperature"       // value
	CodeNotAModel       Code = "not-a-model"       // (Detail: what was wrong)
	CodeModelMemory     Code = "model-memory"      // MB needed, MB allowed
	CodeModelVocab      Code = "model-vocab"       // tokens, max
	CodeModelNotFinite  Code = "model-not-finite"  // tensor, index, value
	CodeCannotSave      Code = "cannot-save"       // (Detail)
	CodeInternal        Code = "internal"          // (Detail: a bug's own words)
	CodeHelperFailed    Code = "helper-failed"     // why, in its own words
	CodeSettingUnknown  Code = "setting-unknown"   // key
	CodeWorkers         Code = "workers"           // max
	CodeAutoplay        Code = "autoplay"          //
	CodePace            Code = "pace"              //
	CodeLinkTooBig      Code = "link-too-big"      // MB
	CodeBadFragment     Code = "bad-fragment"      //
	CodeLinkUnreadable  Code = "link-unreadable"   //
	CodeLinkRepeats     Code = "link-repeats"      // key, times
	CodeLinkNotUsed     Code = "link-not-used"     // key=value, the value used; cause: why
	CodeLinkUnknownKeys Code = "link-unknown-keys" // keys
	CodeLinkMisfit      Code = "link-misfit"       // cause: why
	CodeNoModel         Code = "no-model"          //
	CodeGoalKind        Code = "goal-kind"         // goal
	CodeGoalField       Code = "goal-field"        // goal, field, the kind's fields
	CodeGoalEscape      Code = "goal-escape"       // goal
	CodeGoalCell        Code = "goal-cell"         // goal, value
	CodeGoalNumber      Code = "goal-number"       // goal, field, min, max
	CodeGoalText        Code = "goal-text"         // goal, field, max characters
	CodeGoalMissing     Code = "goal-missing"      // goal, field
	CodeGoalCount       Code = "goal-count"        // goals, max
	CodeExerciseText    Code = "exercise-text"     // key, max characters
	CodeCheckStep       Code = "check-step"        // value, max
)

// Problems are the English sentences of the codes.
var Problems = map[Code]string{
	CodeWholeRange:      "the %s must be a whole number from %s to %s",
	CodeNumberRange:     "the %s must be a number from %s to %s",
	CodeOutOfRange:      "%s must be between %s and %s (got %s)",
	CodeLRZero:          "the learning rate must be greater than 0 and at most %s",
	CodeSeed:            "the seed must be a whole number from 0 to %s",
	CodeBatchForWindow:  "batch size must be at least 1 when a window length is set",
	CodeUnknownCell:     "unknown cell %s: use rnn, rnn_relu, lstm or gru",
	CodeUnknownOpt:      "unknown optimizer %s: use adam or sgd",
	CodeUnknownTok:      "unknown tokenizer %s: use word or char",
	CodeSchedule:        "the schedule is step:lr=value or step:clip=value, separated by commas, e.g. 31:lr=0.01",
	CodeScheduleWhat:    "the schedule changes only lr and clip",
	CodeNoText:          "the text is empty: type a sentence to learn from",
	CodeTextTooLong:     "the text is %s bytes; the playground takes at most %s MB",
	CodeTooManyTokens:   "the text has %s distinct tokens; the playground takes at most %s (try fewer words or character tokens)",
	CodeSingleTokens:    "every line has a single token: a line needs at least two tokens, one to read and one to predict",
	CodeShortForWindow:  "the text has %s tokens; a window of %s needs at least %s",
	CodeMemory:          "this configuration needs about %s MB, more than the %s MB the playground allows: use a smaller hidden size, fewer layers, a shorter window or a smaller batch",
	CodeMemoryLines:     "this configuration needs about %s MB, more than the %s MB the playground allows: the longest line has %s tokens: split the text into shorter lines, or train on windows (corpus mode)",
	CodeWorkersMemory:   "%s workers need about %s MB for their copies of the model, more than the %s MB allowed: use fewer workers",
	CodeDiverged:        "training diverged at step %s: the %s became %s. The weights of the last good step are kept. Try a lower learning rate or gradient clipping (e.g. 1)",
	CodeNoPrefix:        "type a few words (or characters) for the model to continue",
	CodeGenerateCount:   "can generate between 0 and %s tokens (asked for %s)",
	CodeTemperature:     "the temperature must be between 0 and 100 (got %s)",
	CodeNotAModel:       "this file is not a model saved by the playground or by PyTorch with the snippet of docs/pytorch.md",
	CodeModelMemory:     "this model needs about %s MB, more than the %s MB the playground allows",
	CodeModelVocab:      "the model's vocabulary has %s tokens; the playground takes at most %s",
	CodeModelNotFinite:  "the model's weights must be finite numbers, and %s[%s] is %s",
	CodeCannotSave:      "the model cannot be saved",
	CodeInternal:        "something went wrong inside the playground",
	CodeHelperFailed:    "a helper worker failed (%s), so training goes on with one worker",
	CodeSettingUnknown:  "unknown option %s",
	CodeWorkers:         "the workers are auto or a whole number from 1 to %s",
	CodeAutoplay:        "autoplay is 1 (start training at once) or 0",
	CodePace:            "the pace is normal, slow or full",
	CodeLinkTooBig:      "the link's compressed part opens to more than %s MB, more than the playground takes",
	CodeBadFragment:     "the compressed part of the link is damaged, so the link opens with the defaults",
	CodeLinkUnreadable:  "part of the link could not be read, so some options keep their defaults",
	CodeLinkRepeats:     "the link gives %s %s times; the first is used",
	CodeLinkNotUsed:     "%[1]s was not used: %[3]s. Using %[2]s",
	CodeLinkUnknownKeys: "the link has options this playground does not know, ignored: %s",
	CodeLinkMisfit:      "the link's options do not fit together (%s); the defaults are used for them",
	CodeNoModel:         "there is no model yet: fix the settings above first",
	CodeGoalKind:        "the goal %s is not one this playground checks (loss, next, log, gradient, state, params, cell or steps), so it is ignored",
	CodeGoalField:       "the goal %s has %s, which is not one of its fields (%s), so it is ignored",
	CodeGoalEscape:      "the goal %s is damaged (a percent escape is broken), so it is ignored",
	CodeGoalCell:        "the goal %s names %s, which is not a cell (rnn, rnn_relu, lstm, gru), so it is ignored",
	CodeGoalNumber:      "in the goal %s, %s must be a number from %s to %s, so the goal is ignored",
	CodeGoalText:        "in the goal %s, %s must be a text of 1 to %s characters, so the goal is ignored",
	CodeGoalMissing:     "the goal %s needs %s, so it is ignored",
	CodeGoalCount:       "the link has %s goals; the page checks the first %s",
	CodeExerciseText:    "the exercise's %s is longer than %s characters and was cut",
	CodeCheckStep:       "the solution's check=%s is not a step from 0 to %s, so it is not checked",
}

// NewProblem is the problem code with its values, each written as the
// sentence shows it (numbers as Plain writes them).
func NewProblem(code Code, args ...any) *Problem {
	p := &Problem{Code: code}
	for _, a := range args {
		p.Args = append(p.Args, argString(a))
	}
	return p
}

// WithCause nests the problem that explains this one.
func (p *Problem) WithCause(c *Problem) *Problem {
	p.Cause = c
	return p
}

// WithDetail adds the technical cause, for a reader who asks.
func (p *Problem) WithDetail(err error) *Problem {
	if err != nil {
		p.Detail = err.Error()
	}
	return p
}

func argString(a any) string {
	switch v := a.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float64:
		return Plain(v)
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(a)
}

// Error is the English sentence, with the detail after it ("" for nil).
func (p *Problem) Error() string {
	if p == nil {
		return ""
	}
	s := Sentence(p.Code, p.Args, p.Cause)
	if p.Detail != "" {
		s += ": " + p.Detail
	}
	return s
}

// Sentence fills code's English sentence with args and the cause's.
func Sentence(code Code, args []string, cause *Problem) string {
	f, ok := Problems[code]
	if !ok {
		return string(code)
	}
	vals := make([]any, 0, len(args)+1)
	for _, a := range args {
		vals = append(vals, a)
	}
	if cause != nil {
		vals = append(vals, cause.Error())
	}
	return fmt.Sprintf(f, vals...)
}

// AsProblem is err as the page can word it: the problem it is or wraps,
// a divergence, or, for an error no code covers (a bug), CodeInternal with
// the error's own words as the detail. nil stays nil.
func AsProblem(err error) *Problem {
	if err == nil {
		return nil
	}
	var p *Problem
	if errors.As(err, &p) {
		return p
	}
	var d *DivergedError
	if errors.As(err, &d) {
		return d.Problem()
	}
	return NewProblem(CodeInternal).WithDetail(err)
}
