package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/maxence-charriere/go-app/v10/pkg/app"
	"github.com/rnn-playground/rnn-playground/app/protocol"
)

// Models leave and enter the page as the core's checkpoint files
// (safetensors, PyTorch state_dict names: docs/pytorch.md). The worker
// writes and reads them; the page downloads them, picks or receives them
// by drag-and-drop, and keeps the last one in localStorage so a reload
// finds the trained model again.

// lastModelKey is where the last model is kept.
const lastModelKey = "rnn-playground.last-model"

// keptModel is the stored last model: its checkpoint and the settings it
// was trained with. It is restored when the page opens with those settings.
type keptModel struct {
	Query string `json:"query"`
	Step  int    `json:"step"`
	Model string `json:"model"` // base64 checkpoint
	Saved string `json:"saved"` // RFC 3339 time
}

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

// keepModel stores the worker's checkpoint as the last model.
func keepModel(query string, step int, model []byte) error {
	b, _ := json.Marshal(keptModel{Query: query, Step: step, Model: protocol.EncodeModel(model), Saved: time.Now().UTC().Format(time.RFC3339)})
	if err := storageSet(lastModelKey, string(b)); err != nil {
		return fmt.Errorf(T("The browser did not keep the model (%v): export it to keep it."), err)
	}
	return nil
}

// lastModel is the stored model, if any and readable.
func lastModel() (keptModel, []byte, bool) {
	raw, ok := storageGet(lastModelKey)
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

// runQuery is the query of the settings that make the model: the same
// run whether or not it started by itself.
func runQuery(s protocol.Settings) string {
	s.Autoplay = false
	return s.Query()
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
		p.look.ModelMsg = fmt.Sprintf(T("Could not read %s: %v."), name, err)
		return
	}
	p.look.importRun, p.look.importName = p.runs+1, name
	p.look.ModelMsg = fmt.Sprintf(T("Loading %s…"), name)
	p.trainer.send(protocol.Command{Cmd: protocol.Import, Run: p.runs + 1, Query: p.settings.Query(), Look: &protocol.LookCommand{Model: data}})
}

// receiveLook handles the events of the teaching views and of model
// files, before the run's view sees them.
func (p *playground) receiveLook(ctx app.Context, e protocol.Event) {
	l := &p.look
	switch {
	case e.Kind == protocol.TraceKind:
		l.apply(p.run.Run, e)
	case e.Kind == protocol.Ready && l.importRun != 0 && e.Run == l.importRun:
		name := l.importName
		l.importRun, l.importName = 0, ""
		if e.Error != "" {
			l.ModelMsg = fmt.Sprintf(T("%s was not loaded: %s"), name, e.Error)
			return
		}
		p.runs = e.Run
		p.run = protocol.NewRunView(e.Run)
		l.Trace = nil
		if e.Look != nil && e.Look.Query != "" {
			p.settings, _ = protocol.DecodeQuery(e.Look.Query)
			app.Window().Get("history").Call("replaceState", nil, "", "?"+link(p.settings, p.class))
		}
		l.ModelMsg = fmt.Sprintf(T("Loaded %s: %s, %d layer(s), E=%d, H=%d, %d tokens. Train on to fine-tune it, ask it below, or press Reset for a fresh run from the seed."),
			name, p.settings.Config.Cell, p.settings.Config.Layers, p.settings.Config.Embed, p.settings.Config.Hidden, e.VocabSize)
	case e.Kind == protocol.Ready && e.Run == p.run.Run && !l.restoreTried:
		l.restoreTried = true
		if k, data, ok := lastModel(); ok && !p.settings.Autoplay && k.Query == runQuery(p.settings) {
			p.importModel(ctx, fmt.Sprintf(T("the model kept at step %d"), k.Step), data, nil)
		}
	case e.Kind == protocol.ModelKind && e.Run == p.run.Run && e.Look != nil:
		if e.Error != "" {
			l.ModelMsg = e.Error
			return
		}
		if e.Look.Keep {
			if err := keepModel(runQuery(p.settings), l.keptStep, e.Look.Model); err != nil {
				l.ModelMsg = err.Error()
			}
			return
		}
		if l.download {
			l.download = false
			download(modelFileName(p.settings, p.run.Step), e.Look.Model)
			l.ModelMsg = fmt.Sprintf(T("Exported %s (%d bytes)."), modelFileName(p.settings, p.run.Step), len(e.Look.Model))
		}
	case e.Kind == protocol.Progress && e.Run == p.run.Run && e.Step > 0 && e.Step != l.keptStep &&
		(e.State == protocol.Paused || e.State == protocol.Done || e.State == protocol.Diverged):
		// Training stopped: keep this model for the next visit.
		l.keptStep = e.Step
		p.trainer.send(protocol.Command{Cmd: protocol.Export, Look: &protocol.LookCommand{Keep: true}})
	}
}
