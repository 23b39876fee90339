package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// playground is the page: the settings (mirrored in the URL), the trainer
// worker, and what the worker last reported.
type playground struct {
	app.Compo

	settings protocol.Settings
	notices  []string          // problems with the link the page was opened with
	errs     map[string]string // the form's refused values, by query key
	failure  string            // the trainer worker could not run
	linkNote string            // why the address bar does not hold the whole run

	trainer *trainerClient
	mounted app.Context // the page's own context: the worker's events are dispatched to it
	runs    int         // runs started; the current one is runs
	run     protocol.RunView

	genSeed uint64 // a new sample for each Generate click

	class Classroom // view, hidden controls, language (links.go)
	look  lookState // the latest trace, for the teaching views (look.go)
}

func (p *playground) OnInit() {
	p.settings, p.notices = protocol.DecodeQuery(app.Window().URL().RawQuery)
	p.initClassroom()
}

func (p *playground) OnMount(ctx app.Context) {
	if len(p.notices) > 0 { // a link with problems: show the run actually opened
		p.linkNote = showInAddressBar(link(p.settings, p.class))
	}
	p.mounted = ctx
	p.trainer = startTrainer(ctx, p.receive)
	p.reset()
	if p.settings.Autoplay {
		p.trainer.send(protocol.Command{Cmd: protocol.Play})
	}
}

func (p *playground) OnDismount() { p.trainer.stop() }

// reset starts a new run of the current settings: the worker rebuilds the
// model from the seed, and the page forgets the old run's curve and log.
func (p *playground) reset() {
	p.runs++
	p.run = protocol.NewRunView(p.runs)
	p.trainer.send(protocol.Command{Cmd: protocol.Reset, Run: p.runs, Query: p.settings.Query()})
	p.look.newRun()
	p.watch()
}

// receive merges the events of one animation frame.
func (p *playground) receive(ctx app.Context, events []protocol.Event) {
	for _, e := range events {
		if e.Kind == protocol.Failed {
			p.failure = "The trainer stopped (" + e.Error + ")."
			continue
		}
		p.receiveLook(ctx, e) // traces and model files first: an import starts a run (modelfile.go)
		p.run.Apply(e)
	}
}

// set applies one edited option. A refused value is explained beside its
// field and changes nothing; an accepted one updates the URL and starts a
// new run.
func (p *playground) set(ctx app.Context, key, raw string) {
	next := p.settings
	err := next.Set(key, raw)
	if err == nil {
		err = next.Config.Validate()
	}
	p.errs = withError(p.errs, key, err)
	if err != nil {
		return
	}
	p.settings = next
	p.linkNote = showInAddressBar(link(p.settings, p.class))
	p.reset()
}

// restartTrainer replaces a failed worker with a new one and starts the
// run again. The new worker reports to the page's context, not to the
// clicked button's: go-app drops a dispatch whose element is gone, and the
// button goes with the failure message.
func (p *playground) restartTrainer() {
	p.trainer.stop()
	p.failure = ""
	p.trainer = startTrainer(p.mounted, p.receive)
	p.reset()
}

func (p *playground) command(ctx app.Context, cmd protocol.Cmd) {
	if cmd == protocol.Reset {
		p.reset()
		return
	}
	p.trainer.send(protocol.Command{Cmd: cmd})
}

func (p *playground) ask(ctx app.Context, prefix string) {
	p.trainer.send(protocol.Command{Cmd: protocol.Ask, Prefix: prefix})
}

func (p *playground) generate(ctx app.Context, prefix string, tokens int, temperature float64) {
	p.genSeed++
	p.trainer.send(protocol.Command{Cmd: protocol.Generate, Prefix: prefix, Tokens: tokens, Temperature: temperature, Seed: p.genSeed})
}

func (p *playground) Render() app.UI {
	r := &p.run
	return app.Div().Class(append([]string{"page"}, p.class.hideClasses()...)...).Body(
		app.Header().Class("top").Body(
			app.H1().Text("RNN Playground"),
			&classroomBar{Class: p.class}, // lessons and language (links.go)
			app.P().Class("lede").Body(
				app.Text(T("Train a recurrent neural network on a sentence and watch it learn to predict the next word. "+
					"The default run is the notebook's: ")),
				app.Strong().Text(T("the same numbers as PyTorch with torch.manual_seed(70)")),
				app.Text(T(", digit for digit.")),
			),
		),
		app.If(len(p.notices) > 0, func() app.UI {
			return app.Div().ID("notices").Class("notice").Attr("role", "status").Body(
				app.Range(p.notices).Slice(func(i int) app.UI { return app.P().Text(Tmsg(p.notices[i])) }),
			)
		}),
		app.If(p.linkNote != "", func() app.UI {
			return app.Div().ID("link-note").Class("notice").Attr("role", "status").Text(p.linkNote)
		}),
		app.If(p.failure != "", func() app.UI {
			return app.Div().ID("failure").Class("notice", "notice-error").Attr("role", "alert").Body(
				app.Text(p.failure+" "),
				app.Button().ID("retry").Class("btn").Text(T("Try again")).
					OnClick(func(ctx app.Context, e app.Event) { p.restartTrainer() }),
			)
		}),
		app.Main().Class("grid").Body(
			section("text", "1 · Text", &textPanel{Settings: p.settings, Errors: p.errs, Editor: p}),
			section("model", "2 · Model", &modelForm{Settings: p.settings, Errors: p.errs, Editor: p}),
			section("train", "3 · Train",
				&trainControls{State: r.State, Step: r.Step, Steps: max(r.Steps, p.settings.Config.Steps),
					StepsPerSec: r.StepsPerSec, Workers: r.Workers, Trainer: p},
				app.If(r.Notice != "", func() app.UI {
					return app.P().ID("workers-note").Class("hint").Attr("role", "status").Text(Tmsg(r.Notice))
				}),
				app.If(r.Error != "", func() app.UI {
					return app.P().ID("run-error").Class("run-error").Attr("role", "alert").Text(Tmsg(r.Error))
				}),
				&lossChart{Losses: r.Losses, Steps: max(r.Steps, p.settings.Config.Steps)},
				&trainLog{Entries: r.Log, Live: r.Live, Tok: p.settings.Config.Tokenizer},
			),
			section("ask", "4 · Ask the model",
				&askPanel{Ready: r.State != "" && r.State != protocol.Refused, Tok: p.settings.Config.Tokenizer,
					Answer: r.Answer, Generated: r.Generated, Model: p},
			),
			section("vocab", "Vocabulary", &vocabTable{Tokens: r.Vocab, Size: r.VocabSize, Params: r.Params}),
			section("look", "5 · Look inside", &lookPanel{Trace: p.look.Trace, View: p.class.View,
				Settings: p.settings, Classroom: p.class, Viewer: p}),
			section("share", "6 · Share", &sharePanel{Link: link(p.settings, p.class), Settings: p.settings,
				ModelMsg: p.look.ModelMsg, Models: p}),
		),
		app.Footer().Class("foot").Body(
			app.Text(T("Training runs in a Web Worker, so the page stays responsive. Every option is in the link: copy it to share this run.")),
		),
	)
}

// section is one titled card of the page.
func section(id, title string, body ...app.UI) app.UI {
	return app.Section().ID(id).Class("card", "card-"+id).Body(
		append([]app.UI{app.H2().Text(T(title))}, body...)...,
	)
}

// withError returns a copy of errs with key's message set (err != nil) or
// removed. A new map, not an edit in place: the panels hold the same map as
// a prop, and go-app re-renders them only when the prop differs.
func withError(errs map[string]string, key string, err error) map[string]string {
	out := make(map[string]string, len(errs)+1)
	for k, v := range errs {
		out[k] = v
	}
	if err != nil {
		out[key] = protocol.Sentence(err.Error())
	} else {
		delete(out, key)
	}
	return out
}
