package protocol

import (
	"math"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/rnn-playground/rnn-playground/rnn"
)

// NotebookText is the notebook's training sentence, the default text.
const NotebookText = "We are going to watch Avengers End Game"

// Settings is everything that defines a run, as it lives in the URL query:
//
//	?text=…&tok=word&cell=rnn&layers=1&embed=5&hidden=20&opt=adam&lr=0.001&clip=0&seed=70&steps=151&window=0&batch=0&schedule=31:lr%3D0.01&workers=auto&autoplay=1&pace=normal
type Settings struct {
	Text     string
	Config   rnn.Config
	Workers  int  // Web Workers that share each batch (app/trainer/workers.go); AutoWorkers lets the machine decide
	Autoplay bool // start training when the page opens
	Pace     Pace // how fast the run plays out (pace.go)
}

// DefaultSettings is the notebook's run on the notebook's sentence.
func DefaultSettings() Settings {
	return Settings{Text: NotebookText, Config: rnn.DefaultConfig()}
}

// SettingKeys are the query keys of the run's settings, in the order Query
// writes them.
func SettingKeys() []string { return slices.Clone(settingKeys) }

// settingKeys are the query keys, in the order Query writes them.
var settingKeys = []string{
	"text", "tok", "cell", "layers", "embed", "hidden", "opt", "lr", "clip",
	"seed", "steps", "window", "batch", "schedule", "workers", "autoplay", "pace",
}

// Get returns the value of key as the query writes it.
func (s Settings) Get(key string) string {
	c := s.Config
	switch key {
	case "text":
		return s.Text
	case "tok":
		return c.Tokenizer.String()
	case "cell":
		return strings.ToLower(c.Cell.String())
	case "layers":
		return strconv.Itoa(c.Layers)
	case "embed":
		return strconv.Itoa(c.Embed)
	case "hidden":
		return strconv.Itoa(c.Hidden)
	case "opt":
		return c.Optimizer.String()
	case "lr":
		return FormatFloat(c.LR)
	case "clip":
		return FormatFloat(c.Clip)
	case "seed":
		return strconv.FormatUint(c.Seed, 10)
	case "steps":
		return strconv.Itoa(c.Steps)
	case "window":
		return strconv.Itoa(c.Window)
	case "batch":
		return strconv.Itoa(c.Batch)
	case "schedule":
		return c.Schedule.String()
	case "workers":
		if s.Workers == AutoWorkers {
			return "auto"
		}
		return strconv.Itoa(s.Workers)
	case "autoplay":
		if s.Autoplay {
			return "1"
		}
		return "0"
	case "pace":
		return s.Pace.String()
	}
	return ""
}

// Set parses raw as the value of key. On error s is unchanged and the error
// says, in plain words, what is accepted. Set checks each option alone;
// Config.Validate checks how they combine.
func (s *Settings) Set(key, raw string) error {
	v := strings.TrimSpace(raw)
	c := &s.Config
	var err error
	switch key {
	case "text":
		switch {
		case len(raw) > rnn.MaxTextBytes:
			err = rnn.NewProblem(rnn.CodeTextTooLong, len(raw), rnn.MaxTextBytes>>20)
		case v == "":
			err = rnn.ErrNoText
		default:
			s.Text = raw
		}
	case "tok":
		err = setParsed(&c.Tokenizer, v, rnn.ParseTokenizer)
	case "cell":
		err = setParsed(&c.Cell, v, rnn.ParseCell)
	case "opt":
		err = setParsed(&c.Optimizer, v, rnn.ParseOptimizer)
	case "layers":
		err = setInt(&c.Layers, v, rnn.Limits.Layers)
	case "embed":
		err = setInt(&c.Embed, v, rnn.Limits.Embed)
	case "hidden":
		err = setInt(&c.Hidden, v, rnn.Limits.Hidden)
	case "steps":
		err = setInt(&c.Steps, v, rnn.Limits.Steps)
	case "window":
		err = setInt(&c.Window, v, rnn.Limits.Window)
	case "batch":
		err = setInt(&c.Batch, v, rnn.Limits.Batch)
	case "schedule":
		err = setParsed(&c.Schedule, v, rnn.ParseSchedule)
	case "lr":
		err = setFloat(&c.LR, v, rnn.Limits.LR)
		if err == nil && c.LR == 0 {
			c.LR = rnn.DefaultConfig().LR
			err = rnn.NewProblem(rnn.CodeLRZero, rnn.Limits.LR.Max)
		}
	case "clip":
		err = setFloat(&c.Clip, v, rnn.Limits.Clip)
	case "seed":
		n, perr := strconv.ParseUint(v, 10, 64)
		if perr != nil || n > rnn.MaxSeed {
			err = rnn.NewProblem(rnn.CodeSeed, uint64(rnn.MaxSeed))
		} else {
			c.Seed = n
		}
	case "workers":
		if strings.EqualFold(v, "auto") || v == "" {
			s.Workers = AutoWorkers
		} else if n, perr := strconv.Atoi(v); perr != nil || n < 1 || n > MaxWorkers {
			err = rnn.NewProblem(rnn.CodeWorkers, MaxWorkers)
		} else {
			s.Workers = n
		}
	case "autoplay":
		switch strings.ToLower(v) {
		case "1", "true", "yes", "on":
			s.Autoplay = true
		case "0", "false", "no", "off", "":
			s.Autoplay = false
		default:
			err = rnn.NewProblem(rnn.CodeAutoplay)
		}
	case "pace":
		err = setParsed(&s.Pace, v, ParsePace)
	default:
		err = rnn.NewProblem(rnn.CodeSettingUnknown, QuoteShort(key))
	}
	return err
}

// Query encodes every option, in settingKeys order, so that a link
// reproduces the run even if the defaults change later.
func (s Settings) Query() string {
	var b strings.Builder
	for i, k := range settingKeys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(url.QueryEscape(s.Get(k)))
	}
	return b.String()
}

// RunQuery is the query of the settings that make the model: the same run
// whether or not it starts by itself, at any pace.
func (s Settings) RunQuery() string {
	s.Autoplay, s.Pace = false, PaceNormal
	return s.Query()
}

// DecodeQuery reads settings from a URL query. It never fails: a value it
// cannot use is replaced by its default and explained in a problem, in the
// order of settingKeys, then unknown keys in sorted order.
func DecodeQuery(query string) (Settings, []*rnn.Problem) {
	s := DefaultSettings()
	var msgs []*rnn.Problem
	values, err := url.ParseQuery(query)
	if err != nil {
		msgs = append(msgs, rnn.NewProblem(rnn.CodeLinkUnreadable))
	}
	for _, k := range settingKeys {
		vs, ok := values[k]
		if !ok {
			continue
		}
		if len(vs) > 1 {
			msgs = append(msgs, rnn.NewProblem(rnn.CodeLinkRepeats, k, len(vs)))
		}
		if err := s.Set(k, vs[0]); err != nil {
			msgs = append(msgs, rnn.NewProblem(rnn.CodeLinkNotUsed, k+"="+QuoteShort(vs[0]), QuoteShort(s.Get(k))).
				WithCause(rnn.AsProblem(err)))
		}
	}
	var unknown []string
	for k := range values {
		if !isSettingKey(k) && !isPageKey(k) {
			unknown = append(unknown, QuoteShort(k))
		}
	}
	sort.Strings(unknown)
	if len(unknown) > 0 {
		msgs = append(msgs, rnn.NewProblem(rnn.CodeLinkUnknownKeys, strings.Join(unknown, ", ")))
	}
	if err := s.Config.Validate(); err != nil {
		// Only window and batch depend on each other; the rest was checked by Set.
		d := rnn.DefaultConfig()
		s.Config.Window, s.Config.Batch = d.Window, d.Batch
		if s.Config.Validate() != nil {
			s.Config = d
		}
		msgs = append(msgs, rnn.NewProblem(rnn.CodeLinkMisfit).WithCause(rnn.AsProblem(err)))
	}
	return s, msgs
}

// PageKeys are the link's keys that set up the page rather than the run:
// the open view, the hidden controls, the language (app/links.go).
var PageKeys = []string{"view", "hide", "lang"}

func isSettingKey(k string) bool { return slices.Contains(settingKeys, k) }

func isPageKey(k string) bool {
	return slices.Contains(PageKeys, k) || slices.Contains(ExerciseKeys, k)
}

func setParsed[T any](dst *T, v string, parse func(string) (T, error)) error {
	x, err := parse(v)
	if err != nil {
		return err
	}
	*dst = x
	return nil
}

func setInt(dst *int, v string, r rnn.Range) error {
	n, err := strconv.Atoi(v)
	if err != nil || float64(n) < r.Min || float64(n) > r.Max {
		return rnn.NewProblem(rnn.CodeWholeRange, r.Name, r.Min, r.Max)
	}
	*dst = n
	return nil
}

func setFloat(dst *float64, v string, r rnn.Range) error {
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(x) || x < r.Min || x > r.Max {
		return rnn.NewProblem(rnn.CodeNumberRange, r.Name, r.Min, r.Max)
	}
	*dst = x
	return nil
}

// FormatFloat writes the shortest decimal that reads back as x.
func FormatFloat(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

// QuoteShort quotes s for a message, cut to a length a message can hold.
func QuoteShort(s string) string {
	const max = 40
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max]) + "…"
	}
	return strconv.Quote(s)
}
