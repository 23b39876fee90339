package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
	"github.com/rnn-playground/rnn-playground/app/yield"
)

// Models leave and enter the page as the core's checkpoint files
// (safetensors, PyTorch state_dict names: docs/pytorch.md). The worker
// writes and reads them; the page downloads them, picks or receives them
// by drag-and-drop, and keeps the last ones in localStorage so a reload
// finds the trained model again (keptmodels.go).

// lastModelKey is where the newest kept model is.
const lastModelKey = "rnn-playground.last-model"

// keptModel is the stored last model: its checkpoint, the settings it was
// trained with, and its history (loss curve and log), so that the page can
// say how it got there. It is restored when the page opens with those
// settings.
type keptModel struct {
	Run    string              `json:"run,omitempty"` // the run's ID in the list of earlier runs
	Query  string              `json:"query"`
	Step   int                 `json:"step"`
	Model  string              `json:"model"` // base64 checkpoint
	Saved  string              `json:"saved"` // RFC 3339 time
	Losses []float64           `json:"losses,omitempty"`
	Log    []protocol.LogEntry `json:"log,omitempty"`
	Live   *protocol.LogEntry  `json:"live,omitempty"` // the last step's predictions
}

// maxKeptLog bounds the log entries kept with a model.
const maxKeptLog = 64

// storageBlocked says why window.localStorage cannot be used, or is "".
var storageBlocked string

// localStorage is window.localStorage, read with Reflect.get: where site
// data is blocked, reading the property throws, and a throw in a property
// read (js.Value.Get) kills the Go program, while one in a call
// (js.Value.Call) is a panic that the callers recover.
func localStorage() app.Value {
	if storageBlocked != "" {
		return app.Null()
	}
	return app.Window().Get("Reflect").Call("get", app.Window(), "localStorage")
}

// guardStorage must run before go-app starts: go-app reads
// window.localStorage when it starts (to drop expired states), and where
// site data is blocked that read throws and stops the page. It puts an
// empty object in its place and remembers why, for storageSet's message.
func guardStorage() {
	if !app.IsClient {
		return
	}
	defer func() {
		r := recover()
		if r == nil {
			return
		}
		storageBlocked = fmt.Sprint(r)
		defer func() { recover() }() // a property the browser will not let go: nothing more to do
		empty := app.Window().Get("Object").New()
		empty.Set("length", 0)
		app.Window().Get("Object").Call("defineProperty", app.Window(), "localStorage",
			map[string]any{"value": empty, "configurable": true})
	}()
	localStorage()
}

// storageGet reads localStorage; ok is false when the key is absent or
// storage is disabled (private windows, blocked cookies).
func storageGet(key string) (v string, ok bool) {
	defer func() {
		if recover() != nil {
			v, ok = "", false
		}
	}()
	s := localStorage()
	if !s.Truthy() {
		return "", false
	}
	item := s.Call("getItem", key)
	if !item.Truthy() {
		return "", false
	}
	return item.String(), true
}

// storageSet writes localStorage. A full or disabled storage throws in
// JavaScript; that becomes an error here, never a crash.
func storageSet(key, value string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	s := localStorage()
	if storageBlocked != "" {
		return errors.New(storageBlocked)
	}
	if !s.Truthy() {
		return fmt.Errorf("no localStorage")
	}
	s.Call("setItem", key, value)
	return nil
}

// keepModel stores the worker's checkpoint as the newest kept model, with
// its history. The classroom model is a megabyte of base64: writing that
// text and storing it are each most of a task, so turn gives the browser a
// turn between the two.
func keepModel(k keptModel, model []byte, turn func()) error {
	k.Model, k.Saved = protocol.EncodeModel(model), time.Now().UTC().Format(time.RFC3339)
	k.Log = k.Log[max(0, len(k.Log)-maxKeptLog):]
	b, _ := json.Marshal(k)
	turn()
	if err := keepIn(pageStorage{}, k.Query, string(b)); err != nil {
		return fmt.Errorf(T("The browser did not keep the model (%v): export it to keep it."), err)
	}
	return nil
}

// keptModelFor is the kept model of the run of query, if any and readable.
func keptModelFor(query string) (keptModel, []byte, bool) {
	raw, ok := keptFor(pageStorage{}, query)
	if !ok {
		return keptModel{}, nil, false
	}
	var k keptModel
	if json.Unmarshal([]byte(raw), &k) != nil {
		return keptModel{}, nil, false
	}
	data, err := protocol.DecodeModel(k.Model)
	if err != nil {
		return keptModel{}, nil, false
	}
	return k, data, true
}

// download offers data as a file.
func download(name string, data []byte) {
	arr := app.Window().Get("Uint8Array").New(len(data))
	app.CopyBytesToJS(arr, data)
	blob := app.Window().Get("Blob").New([]any{arr}, map[string]any{"type": "application/octet-stream"})
	url := app.Window().Get("URL").Call("createObjectURL", blob)
	a := app.Window().Get("document").Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", name)
	a.Call("click")
	app.Window().Get("URL").Call("revokeObjectURL", url)
}

// modelFileName names a downloaded checkpoint after its run.
func modelFileName(s protocol.Settings, step int) string {
	return fmt.Sprintf("rnn-playground-%s-h%d-step%d.safetensors", s.Get("cell"), s.Config.Hidden, step)
}

// readFile reads a File (from a picker or a drop) and hands its bytes to
// done on the page's loop.
func readFile(ctx app.Context, file app.Value, done func(ctx app.Context, name string, data []byte, err error)) {
	name := file.Get("name").String()
	var then, fail app.Func
	release := func() { then.Release(); fail.Release() }
	then = app.FuncOf(func(_ app.Value, args []app.Value) any {
		arr := app.Window().Get("Uint8Array").New(args[0])
		data := make([]byte, arr.Get("length").Int())
		app.CopyBytesToGo(data, arr)
		ctx.Dispatch(func(ctx app.Context) { done(ctx, name, data, nil) })
		release()
		return nil
	})
	fail = app.FuncOf(func(_ app.Value, args []app.Value) any {
		err := fmt.Errorf("%s", args[0].Call("toString").String())
		ctx.Dispatch(func(ctx app.Context) { done(ctx, name, nil, err) })
		release()
		return nil
	})
	file.Call("arrayBuffer").Call("then", then, fail)
}

// modelPanel exports the model, imports one by file picker or drop, and
// says what happened.
type modelPanel struct {
	app.Compo

	Message string // the page's last word on a model file
	Detail  string // what exactly was wrong with a refused file, shown on demand
	Models  modeler

	dragging bool
}

// modeler is the page's side of model files.
type modeler interface {
	exportModel(ctx app.Context)
	importModel(ctx app.Context, name string, data []byte, err error)
}

func (m *modelPanel) Render() app.UI {
	drop := app.Div().ID("model-drop").Class("drop")
	if m.dragging {
		drop = drop.Class("drop", "dragging")
	}
	return app.Div().Class("model-files").Body(
		app.Button().Type("button").ID("export-model").Class("btn").Text(T("Export model")).
			Title(T("Download the model as a safetensors file that PyTorch reads")).
			OnClick(func(ctx app.Context, e app.Event) { m.Models.exportModel(ctx) }),
		drop.Attr("tabindex", -1).
			OnDragOver(func(ctx app.Context, e app.Event) { e.PreventDefault(); m.dragging = true }).
			OnDragLeave(func(ctx app.Context, e app.Event) { m.dragging = false }).
			OnDrop(func(ctx app.Context, e app.Event) {
				e.PreventDefault()
				m.dragging = false
				files := e.Get("dataTransfer").Get("files")
				if files.Length() > 0 {
					readFile(ctx, files.Index(0), m.Models.importModel)
				}
			}).
			Body(
				app.Label().For("import-model").Class("btn").Text(T("Import model…")),
				app.Input().Type("file").ID("import-model").Class("sr-only").Accept(".safetensors").
					OnChange(func(ctx app.Context, e app.Event) {
						files := ctx.JSSrc().Get("files")
						if files.Length() > 0 {
							readFile(ctx, files.Index(0), m.Models.importModel)
						}
						ctx.JSSrc().Set("value", "")
					}),
				app.Span().Class("hint").Text(T(" or drop a .safetensors file here (from this page or from PyTorch)")),
			),
		app.If(m.Message != "", func() app.UI {
			return app.P().ID("model-message").Class("hint").Attr("role", "status").Text(m.Message)
		}),
		app.If(m.Detail != "", func() app.UI {
			return app.Details().ID("model-detail").Class("hint").Body(
				app.Summary().Text(T("Technical detail")),
				app.Code().Text(m.Detail),
			)
		}),
	)
}

// exportModel asks the worker for the model; the download follows when
// the "model" event arrives.
func (p *playground) exportModel(ctx app.Context) {
	p.look.download = true
	p.trainer.send(protocol.Command{Cmd: protocol.Export})
}

// importModel sends a file to the worker as a new run. The page switches
// to that run only when the worker accepts the file, so a refused file
// changes nothing.
func (p *playground) importModel(ctx app.Context, name string, data []byte, err error) {
	if err != nil {
		p.look.ModelMsg, p.look.ModelDetail = Tf("Could not read %s: %v.", name, err), ""
		return
	}
	p.importFrom(origin{Kind: fromFile, Name: name}, data)
	p.look.ModelMsg, p.look.ModelDetail = Tf("Loading %s…", name), ""
}

// importFrom asks the worker for a run of the current text from a
// checkpoint; o is where it comes from, once the worker accepts it.
func (p *playground) importFrom(o origin, data []byte) {
	p.look.importRun, p.look.importing = p.runs+1, o
	p.trainer.send(protocol.Command{Cmd: protocol.Import, Run: p.runs + 1, Query: p.state.Settings.Query(),
		Look: &protocol.LookCommand{Model: data, Step: o.Step}})
}

// receiveLook handles the events of the teaching views and of model
// files, before the run's view sees them.
func (p *playground) receiveLook(ctx app.Context, e protocol.Event) {
	l := &p.look
	switch {
	case e.Kind == protocol.TraceKind:
		l.apply(p.run.Run, e)
	case e.Kind == protocol.Ready && l.importRun != 0 && e.Run == l.importRun:
		o := l.importing
		l.importRun, l.importing = 0, origin{}
		if e.Error != nil {
			if o.Kind == fromFile {
				l.ModelMsg, l.ModelDetail = Tf("%s was not loaded: %s", o.Name, Tp(e.Error)), e.Error.Detail
			}
			return
		}
		if o.Kind == fromFile {
			l.ModelMsg, l.ModelDetail = "", ""
		}
		p.runs = e.Run
		p.keepRun()
		p.run = protocol.NewRunView(e.Run)
		p.newRunID()
		p.toNow()
		if o.Kind == fromKept { // the run as it was: the worker goes on from its step
			p.run.Step, p.run.Losses, p.run.Log, p.run.Live = o.Step, o.Losses, o.Log, o.Live
			if o.Run != "" {
				p.runID, p.keptAt = o.Run, o.Step // the same run in the list of earlier runs
			}
		}
		l.Trace = nil
		settings := p.state.Settings
		if e.Look != nil && e.Look.Query != "" {
			settings, _ = protocol.DecodeQuery(e.Look.Query)
		}
		if e.Look != nil {
			o.Unknown, o.UnknownCount = e.Look.Unknown, e.Look.UnknownCount
		}
		p.state = newRunState(settings)
		p.state.Origin = o
		p.runSettings = p.state.Settings // the model's, which the run began with
		p.linkNote = showInAddressBar(p.link())
	case e.Kind == protocol.Ready && e.Run == p.run.Run && !l.restoreTried:
		l.restoreTried = true
		s := p.state.Settings
		if s.Autoplay {
			break
		}
		if k, data, ok := keptModelFor(s.RunQuery()); ok && k.Query == s.RunQuery() {
			p.importFrom(origin{Kind: fromKept, Run: k.Run, Step: k.Step, Losses: k.Losses, Log: k.Log, Live: k.Live, Saved: k.Saved}, data)
		}
	case e.Kind == protocol.ModelKind && e.Run == p.run.Run && e.Look != nil:
		if e.Error != nil {
			l.ModelMsg, l.ModelDetail = Tp(e.Error), e.Error.Detail
			return
		}
		if e.Look.Keep {
			// In tasks of their own, after the pause is drawn.
			if l.keepTurn == nil {
				l.keepTurn = yield.New()
			}
			k, model := p.history(), e.Look.Model
			ctx.Async(func() {
				l.keepTurn()
				if err := keepModel(k, model, l.keepTurn); err != nil {
					ctx.Dispatch(func(app.Context) { l.ModelMsg = err.Error() })
				}
			})
			return
		}
		if l.download {
			l.download = false
			name := modelFileName(p.state.Settings, p.run.Step)
			download(name, e.Look.Model)
			l.ModelMsg = Tf("Exported %s (%d bytes).", name, len(e.Look.Model))
		}
	case e.Kind == protocol.Progress && e.Run == p.run.Run && e.Step > 0 && e.Step != l.keptStep && e.State.Stopped():
		// Training stopped: keep this model for the next visit.
		l.keptStep = e.Step
		p.trainer.send(protocol.Command{Cmd: protocol.Export, Look: &protocol.LookCommand{Keep: true}})
	}
}

// history is the current model's story for the browser's storage: its
// run's step, loss curve and log (a restored model's run began with the
// kept ones).
func (p *playground) history() keptModel {
	return keptModel{Run: p.runID, Query: p.state.Settings.RunQuery(), Step: p.run.Step, Losses: p.run.Losses, Log: p.run.Log, Live: p.run.Live}
}
