module github.com/rnn-playground/rnn-playground

go 1.26.8

require github.com/maxence-charriere/go-app/v10 v10.1.11

require (
	github.com/google/uuid v1.6.0 // indirect
	gonum.org/v1/gonum v0.17.0 // indirect
)
