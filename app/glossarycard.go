package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// glossaryList is the Glossary card: each term the page uses, defined in
// a sentence. The "?" beside a term where it appears (termHelp) brings
// its entry into view.
type glossaryList struct {
	app.Compo
}

func (g *glossaryList) Render() app.UI {
	var items []app.UI
	for _, t := range glossary {
		if t.DefEn == "" {
			continue
		}
		items = append(items,
			app.Dt().ID("term-"+t.ID).TabIndex(-1).Text(t.name()),
			app.Dd().Text(t.definition()),
		)
	}
	return app.Dl().ID("glossary-terms").Class("glossary").Body(items...)
}

// termHelp is the small "?" beside a term: it scrolls the term's glossary
// entry into view and moves the focus there, so a keyboard or a screen
// reader follows. It changes no link: the address keeps the run.
func termHelp(id string) app.UI {
	t, ok := termNamed(id)
	if !ok || t.DefEn == "" {
		return nil
	}
	return app.Button().Type("button").Class("term-help").DataSet("term", id).
		Aria("label", Tf("What “%s” means", t.name())).Title(t.definition()).Text("?").
		OnClick(func(ctx app.Context, e app.Event) {
			if el := app.Window().GetElementByID("term-" + id); el.Truthy() {
				el.Call("scrollIntoView", map[string]any{"block": "center"})
				el.Call("focus", map[string]any{"preventScroll": true})
			}
		})
}
