package app

import (
	"github.com/maxence-charriere/go-app/v10/pkg/app"
)

// vocabTable lists the vocabulary as the notebook's vocab / rev_vocab cells
// do: <unk> is 0, then each token in order of first appearance.
type vocabTable struct {
	app.Compo

	Tokens []string // the first tokens of the vocabulary, by id
	Size   int      // the whole vocabulary's size
	Params int64
}

func (v *vocabTable) Render() app.UI {
	if v.Size == 0 {
		return app.P().Class("hint").Text(T("The vocabulary appears when the text can be read."))
	}
	return app.Div().Body(
		app.P().Class("hint").Text(Tf("%d tokens (vocab_size), %s trainable parameters.",
			v.Size, formatCount(v.Params))),
		app.Div().Class("vocab-scroll").Body(
			app.Table().ID("vocab-table").Class("vocab").Body(
				app.THead().Body(app.Tr().Body(app.Th().Text(T("id")), app.Th().Text(T("token")))),
				app.TBody().Body(
					app.Range(v.Tokens).Slice(func(id int) app.UI {
						return app.Tr().Body(
							app.Td().Class("num").Text(id),
							app.Td().Class("token").Text(showToken(v.Tokens[id])),
						)
					}),
				),
			),
		),
		app.If(v.Size > len(v.Tokens), func() app.UI {
			return app.P().Class("hint").Text(Tf("… and %d more.", v.Size-len(v.Tokens)))
		}),
	)
}
