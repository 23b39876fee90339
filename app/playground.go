package app

import (
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// playground is the page: the run's state (runstate.go, mirrored in the
// URL), the trainer worker, and what the worker last reported.
type playground struct {
	app.Compo

	state    runState
	notices  []string // problems with the link the page was opened with
	failure  string   // the trainer worker could not run
	linkNote string   // why the address bar does not hold the whole run

	changeError string // why the last change while training was refused (changecontrol.go)
	cellStep    int    // the step the cell view opens at (the unrolled view's boxes set it)

	trainer *trainerClient
	mounted app.Context // the page's own context: the worker's events are dispatched to it
	runs    int         // runs started; the current one is runs
	run     protocol.RunView

	genSeed uint64 // a new sample for each Generate click
	shown   int    // the parts of the page rendered so far, in the browser (steps.go)

	class    Classroom     // view, hidden controls, language (links.go)
	exercise exerciseState // the teacher's words and goals (exercise.go)
	look     lookState     // the latest trace, for the teaching views (look.go)

	// The timeline (timeline.go): the step shown (now when negative), and
	// the replays started; a replay goes on while it is the last.
	at       int
	replays  int
	replayID int

	// Earlier runs (runlist.go): the list kept in the browser, those drawn
	// over the curve, this run's ID and settings, and the step it was last
	// kept at.
	past        []pastRun
	shownRuns   map[string]bool
	runID       string
	runSettings protocol.Settings // the settings the run began with
	keptAt      int
}

func (p *playground) OnInit() {
	pause() // go-app's start-up done, the page's to come
	query, linkErr := linkQuery()
	pickPageLang(query) // first: every message below is worded in it
	pause()
	if linkErr != nil {
		p.notices = append(p.notices, Terr(linkErr))
	}
	settings, problems := protocol.DecodeQuery(query)
	for _, pr := range problems {
		p.notices = append(p.notices, Tp(pr))
	}
	p.state = newRunState(settings)
	p.initClassroom(query)
	p.initExercise(query)
	p.at = -1
	p.past = pastRuns()
	p.shown = firstParts
}

func (p *playground) OnMount(ctx app.Context) {
	// The page is in: go-app renders it again next, in a task of its own.
	pause()
	if len(p.notices) > 0 { // a link with problems: show the run actually opened
		p.linkNote = showInAddressBar(p.link())
	}
	p.mounted = ctx
	p.renderInSteps(ctx)
}

// start starts the trainer worker and the first run (renderInSteps calls
// it in a task of its own).
func (p *playground) start(ctx app.Context) {
	p.trainer = startTrainer(ctx, p.receive)
	p.reset()
	if p.state.Settings.Autoplay {
		p.trainer.send(protocol.Command{Cmd: protocol.Play})
	}
	p.startCheck()
}

// link is the page's whole query: the run as the form shows it, then the
// classroom and the exercise.
func (p *playground) link() string {
	return joinQuery(p.state.query(), p.class.Query(), p.exerciseQuery())
}

func (p *playground) OnDismount() { p.trainer.stop() }

// reset starts a new run of the current settings: the worker rebuilds the
// model from the seed, and the page forgets the old run's curve and log.
// While a field is refused there is no run: the worker's is paused, and its
// late events belong to a run the page has left.
func (p *playground) reset() {
	p.keepRun()
	p.runs++
	p.run = protocol.NewRunView(p.runs)
	p.newRunID()
	p.look.newRun()
	p.toNow()
	cmd, ok := p.state.resetCommand(p.runs)
	cmd.Goals = p.exercise.GoalStrings()
	if !ok {
		p.trainer.send(protocol.Command{Cmd: protocol.Pause})
		return
	}
	p.trainer.send(cmd)
	p.watch()
}

// startOver drops a restored or imported model: a new run from the seed.
func (p *playground) startOver(ctx app.Context) {
	p.state.Origin = origin{}
	p.reset()
}

// chooseUnknown records what the student does with a model that does not
// know some of the text's tokens.
func (p *playground) chooseUnknown(ctx app.Context, c unknownChoice) {
	p.state.Origin.Choice = c
}

// trainBlock says why Train cannot start, or is "": a refused field, or a
// model waiting for the student's choice.
func (p *playground) trainBlock() string {
	if p.state.blocked() {
		for _, k := range append(protocol.SettingKeys(), "") {
			if msg, ok := p.state.Errors[k]; ok {
				return msg
			}
		}
	}
	return p.state.Origin.trainBlock()
}

// receive merges the events of one animation frame.
func (p *playground) receive(ctx app.Context, events []protocol.Event) {
	for _, e := range events {
		if e.Kind == protocol.Failed {
			p.failure = Tf("The trainer stopped: %s", withDetail(e.Error))
			continue
		}
		p.receiveLook(ctx, e) // traces and model files first: an import starts a run (modelfile.go)
		p.run.Apply(e)
		if s := p.run.State; (s == protocol.Done || s == protocol.Diverged) && p.keptAt != p.run.Step {
			p.keptAt = p.run.Step
			p.keepRun()
		}
	}
	p.noteSolution()
}

// newRunID names the run that begins with the page's settings, for the
// list of earlier runs.
func (p *playground) newRunID() {
	p.runID, p.keptAt, p.runSettings = time.Now().UTC().Format(time.RFC3339Nano), 0, p.state.Settings
}

// set applies one edited option: the field shows it, marked when refused,
// and the link follows the form. A change of the run's settings starts a
// new run; a refused field stops the old one.
func (p *playground) set(ctx app.Context, key, raw string) {
	prev := p.state
	p.state = p.state.edit(key, raw)
	p.linkNote = showInAddressBar(p.link())
	if p.state.blocked() || prev.blocked() || p.state.Settings.RunQuery() != prev.Settings.RunQuery() {
		p.reset()
	} else if pace := p.state.Settings.Pace; pace != prev.Settings.Pace {
		p.trainer.send(protocol.Command{Cmd: protocol.SetPace, Pace: pace})
	}
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
	p.trainer.send(protocol.Command{Cmd: protocol.WarmUp}) // the page is drawn
}

func (p *playground) command(ctx app.Context, cmd protocol.Cmd) {
	if cmd == protocol.Reset {
		p.reset()
		return
	}
	if p.shownState() == loadingModel {
		return
	}
	if cmd != protocol.Pause {
		p.toNow() // training goes on from now, and the page shows it
	}
	p.trainer.send(protocol.Command{Cmd: cmd})
}

func (p *playground) steps(ctx app.Context, n int) {
	if p.shownState() == loadingModel {
		return
	}
	p.toNow()
	p.trainer.send(protocol.Command{Cmd: protocol.StepOnce, Count: n})
}

func (p *playground) ask(ctx app.Context, prefix string) {
	p.trainer.send(protocol.Command{Cmd: protocol.Ask, Prefix: prefix})
}

func (p *playground) generate(ctx app.Context, prefix string, tokens int, temperature float64) {
	p.genSeed++
	p.trainer.send(protocol.Command{Cmd: protocol.Generate, Prefix: prefix, Tokens: tokens, Temperature: temperature, Seed: p.genSeed})
}

// shownState is the trainer's state as the page shows it: loading while
// the worker reads a model, so nothing is trained or asked of the run
// the model replaces.
func (p *playground) shownState() protocol.State {
	if p.look.importRun != 0 {
		return loadingModel
	}
	return p.run.State
}

func (p *playground) Render() app.UI {
	r := &p.run
	state := p.shownState()
	page := app.Div().Class(append([]string{"page"}, p.class.hideClasses()...)...)
	if app.IsServer {
		page = page.Attr("inert", true) // the server's copy: to read while app.wasm loads (the first render replaces it)
	}
	return page.Body(
		app.Header().Class("top").Body(
			app.H1().Text("RNN Playground"),
			&classroomBar{Class: p.class}, // lessons and language (links.go)
			&mountPause{},
			app.P().Class("lede").Body(
				app.Text(T("Train a recurrent neural network on a sentence and watch it learn to predict the next word. "+
					"The default run is the notebook's: ")),
				app.Strong().Text(T("the same numbers as PyTorch with torch.manual_seed(70)")),
				app.Text(T(", digit for digit.")),
			),
		),
		app.If(len(p.notices) > 0, func() app.UI {
			return app.Div().ID("notices").Class("notice").Attr("role", "status").Body(
				app.Range(p.notices).Slice(func(i int) app.UI { return app.P().Text(p.notices[i]) }),
			)
		}),
		app.If(!p.exercise.Empty(), func() app.UI {
			return &exerciseCard{Exercise: p.exercise, Statuses: p.goalStatuses(), Start: p.exercise.start, Hidden: p.class.hiddenFromClass(), Answers: p}
		}),
		app.If(p.exercise.Empty() && p.class.hiddenFromClass() > 0, func() app.UI {
			return app.P().ID("hidden-note").Class("notice").Text(hiddenNote(p.class.hiddenFromClass()))
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
		p.marked(app.Main().Class("grid")).Body(
			p.section("text", "1 · Text", 0, p.part(&textPanel{Fields: p.state.Fields, Errors: p.state.Errors, Editor: p})),
			p.section("model", "2 · Model", 1, p.part(&modelForm{Fields: p.state.Fields, Errors: p.state.Errors, Editor: p})),
			p.section("train", "3 · Train", 2,
				p.part(
					app.If(p.state.Origin.restored(), func() app.UI {
						return &originBanner{Origin: p.state.Origin, Settings: p.state.Settings, Runs: p}
					}),
					&trainControls{State: state, Step: r.Step, Steps: max(r.Steps, p.state.Settings.Config.Steps),
						StepsPerSec: r.StepsPerSec, Workers: r.Workers, Blocked: p.trainBlock(), Trainer: p},
					&paceControl{Pace: p.state.Fields["pace"], Editor: p},
					&changeControl{Settings: p.state.Settings, Next: r.Step + 1, Error: p.changeError, Changer: p},
					app.If(r.Notice != nil, func() app.UI {
						return app.P().ID("workers-note").Class("hint").Attr("role", "status").Text(Tp(r.Notice))
					}),
					app.If(r.Error != nil && !p.state.blocked(), func() app.UI {
						return app.P().ID("run-error").Class("run-error").Attr("role", "alert").Text(Tp(r.Error))
					}),
				),
				p.part(
					&lossChart{Losses: r.Losses, Steps: max(r.Steps, p.state.Settings.Config.Steps), Marker: max(p.at, 0), Overlays: p.overlays(),
						Changes: p.state.Settings.Config.Schedule},
					&timeline{Step: r.Step, At: p.at, Replaying: p.replaying(), Training: state == protocol.Running, Scrubber: p},
				),
				p.part(
					&runList{Runs: p.earlierRuns(), Shown: p.shownRuns, Current: p.state.Settings, Lister: p},
					&trainLog{Entries: p.shownLog(), Live: p.shownLive(), Tok: p.state.Settings.Config.Tokenizer,
						Changes: p.state.Settings.Config.Schedule, Step: r.Step},
				),
			),
			p.section("ask", "4 · Ask the model", 3, p.part(
				&askPanel{Ready: state != protocol.NotReady && state != loadingModel && state != protocol.Refused && !p.state.blocked(), Tok: p.state.Settings.Config.Tokenizer,
					Answer: r.Answer, Generated: r.Generated, Model: p},
			)),
			p.section("vocab", "Vocabulary", 4, p.part(&vocabTable{Tokens: r.Vocab, Size: r.VocabSize, Params: r.Params})),
			p.section("look", "5 · Look inside", 5, p.part(&lookPanel{Trace: p.shownTrace(), Past: p.at >= 0, View: p.class.View,
				Settings: p.state.Settings, Classroom: p.class, Viewer: p, CellStep: p.cellStep,
				Text: p.look.Text, TextError: p.look.TextError})),
			p.section("share", "6 · Share", 6, p.part(&sharePanel{Link: p.link(), Settings: p.state.Settings,
				ModelMsg: p.look.ModelMsg, ModelDetail: p.look.ModelDetail, Models: p})),
			p.section("teacher", "For teachers", 7, p.part(&teacherPanel{Settings: p.state.query(), Class: p.class, Exercise: p.exercise.Exercise})),
			p.section("glossary", "Glossary", 8, p.part(&glossaryList{})),
		),
		app.Footer().Class("foot").Body(
			app.Text(T("Training runs in a Web Worker, so the page stays responsive. Every option is in the link: copy it to share this run.")),
		),
		&mountPause{}, // the page is built: go-app puts it in the document next
	)
}

// section is one titled card of the page, whose parts are the i-th
// (steps.go): until they are rendered, the card shows the server's copy of
// them, where it is in view. The parts are one element (laid out as none:
// display: contents), mounted before it replaces the copy: the card never
// shows some of its parts without the others.
func (p *playground) section(id, title string, i int, body ...app.UI) app.UI {
	var content app.UI = app.Div().Class("part").Body(paced(body)...)
	if !app.IsServer && i >= p.shown {
		content = p.copyOf(id)
	}
	card := app.Section().ID(id).Class("card", "card-"+id)
	if h := p.held(id, i); h != "" {
		card = card.Style("min-height", h)
	}
	return card.Body(
		app.H2().Text(T(title)),
		content,
		&mountPause{}, // each card's mount a task of its own
	)
}
