# RNN Playground: every build step.
#
#   make -f wasm.Makefile run     build web/app.wasm if needed, then serve http://127.0.0.1:8000
#   make -f wasm.Makefile test    the whole test suite (browser tests need /usr/bin/chromium)
#
# Needs Go (see go.mod) and gzip, and npm for the tests' pinned axe-core;
# `brotli`, if installed, adds app.wasm.br.

GO       ?= go
ADDR     ?= 127.0.0.1:8000
PREFIX   ?= /rnn-playground
DIST     ?= dist
FUZZTIME ?= 10s
# loadtest: a server on its own port, CONNS connections for DURATION.
LOAD_ADDR     ?= 127.0.0.1:8099
LOAD_CONNS    ?= 500
LOAD_DURATION ?= 30s

WASM := web/app.wasm
# Everything the wasm build may compile (tests and browser tests excluded).
GO_SOURCES := go.mod go.sum $(shell find . -name '*.go' ! -name '*_test.go' \
	! -path './.git/*' ! -path './bin/*' ! -path './dist/*' ! -path './e2e/*' ! -path '*/node_modules/*')

.PHONY: build run static test screenshots bench bench-browser fuzz loadtest clean

## build: web/app.wasm (the browser app and the training Worker) and its gzip
build: $(WASM).gz

# Against go-app without its server side (cmd/trimgoapp writes that copy and
# a go.mod using it into bin/browser): net/http and the crypto it brings stay
# out of app.wasm, 0.45 MB of gzip less for a first visit.
# The page's code (app, go-app) is built without inlining: it builds each
# element tree once, and go-app's builder methods inlined into every Render
# made app.wasm 68 KB of gzip larger, code that V8 compiles on the page's
# main thread. The trainer's packages and the numeric core keep inlining.
# Written beside, then renamed: a running server never reads half a file.
UI_GCFLAGS := -gcflags=github.com/rnn-playground/rnn-playground/app=-l \
	-gcflags=github.com/maxence-charriere/go-app/v10/pkg/app=-l
$(WASM): $(GO_SOURCES)
	@mkdir -p bin
	$(GO) run ./cmd/trimgoapp -out bin/browser
	GOOS=js GOARCH=wasm $(GO) build -modfile bin/browser/go.mod -trimpath -ldflags='-s -w' $(UI_GCFLAGS) -o bin/app.wasm.tmp ./cmd/serve
	mv bin/app.wasm.tmp $@

# The server sends a variant only if it is not older than app.wasm.
$(WASM).gz: $(WASM)
	@mkdir -p bin
	gzip -9 -n -c $< > bin/app.wasm.gz.tmp
	mv bin/app.wasm.gz.tmp $@
	@if command -v brotli >/dev/null; then brotli -q 11 -f -o $(WASM).br $<; else rm -f $(WASM).br; fi
	@ls -l $(WASM) $(WASM).gz | awk '{print $$5, $$9}'

bin/serve: $(GO_SOURCES)
	$(GO) build -o $@ ./cmd/serve

## run: serve the playground (ADDR=:8000 for a classroom LAN)
run: build bin/serve
	./bin/serve -addr $(ADDR)

## static: a complete static site in dist/ for GitHub Pages under PREFIX
static: build
	rm -rf $(DIST)
	$(GO) run ./cmd/serve -static $(DIST) -prefix '$(PREFIX)'

## test: build, vet, gofmt, then every test (browser tests start their own server)
test: build e2e/node_modules
	$(GO) vet ./...
	@# The module's packages in app.wasm, vetted as wasm: their js-only files are invisible natively.
	GOOS=js GOARCH=wasm $(GO) vet $$(GOOS=js GOARCH=wasm $(GO) list -deps \
		-f '{{if not .Standard}}{{.ImportPath}}{{end}}' ./cmd/serve | grep "^$$($(GO) list -m)/")
	@unformatted=$$(gofmt -l $$(find . -name '*.go' ! -path './bin/*' ! -path './dist/*' ! -path '*/node_modules/*')); if [ -n "$$unformatted" ]; then \
		echo "gofmt needed:"; echo "$$unformatted"; exit 1; fi
	$(GO) test -timeout 30m ./...

## screenshots: the browser tests, writing their screenshots to docs/screenshots
screenshots: build e2e/node_modules
	SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 ./e2e/

## bench: benchmarks of the numerical core
bench:
	$(GO) test -bench . -run '^$$' ./rnn/

bench/node_modules: bench/package-lock.json
	cd bench && npm ci

# axe-core for the browser tests' accessibility audits, pinned by the lockfile.
e2e/node_modules: e2e/package-lock.json
	cd e2e && npm ci

## bench-browser: the in-browser comparison (~15 min): our worker, TensorFlow.js, brain.js, PyTorch, native Go; writes docs/benchmarks.md
bench-browser: build bench/node_modules
	$(GO) run ./cmd/browserbench -out docs/benchmarks.md

## fuzz: every Fuzz target for FUZZTIME (seeds are in testdata/fuzz)
fuzz:
	@for pkg in $$($(GO) list ./...); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
			echo "== $$pkg $$target ($(FUZZTIME))"; \
			$(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
		done; \
	done

## loadtest: LOAD_CONNS connections for LOAD_DURATION on loopback (not part of test)
loadtest: build bin/serve
	$(GO) build -o bin/loadtest ./cmd/loadtest
	./bin/serve -addr $(LOAD_ADDR) > bin/loadtest-server.log 2>&1 & pid=$$!; \
	trap "kill $$pid" EXIT; \
	./bin/loadtest -url http://$(LOAD_ADDR) -c $(LOAD_CONNS) -d $(LOAD_DURATION) -pid $$pid

clean:
	rm -rf bin $(DIST) $(WASM) $(WASM).gz $(WASM).br e2e/node_modules
