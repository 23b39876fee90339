package e2e

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// Browser tests of the teaching views and the classroom features.
// Each checks a property of the numbers the page shows.

// shot writes one element as a PNG to shotDir/name.
func shot(t *testing.T, ctx context.Context, sel, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("screenshot of %s: %v", sel, err)
	}
	path := filepath.Join(shotDir, name)
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s", path)
}

// waitTrace waits until the views show a trace taken at step.
func waitTrace(t *testing.T, ctx context.Context, step int) {
	t.Helper()
	if err := chromedp.Do(ctx, waitJS(fmt.Sprintf(
		`(() => { const n = document.querySelector("#trace-note"); return !!n && n.dataset.step === "%d" })()`, step))); err != nil {
		t.Fatalf("no trace of step %d (note %q): %v", step, text(t, ctx, "#trace-note"), err)
	}
}

// softmaxRows reads the softmax table: each row's probabilities as shown.
func softmaxRows(t *testing.T, ctx context.Context) [][]float64 {
	t.Helper()
	var rows [][]float64
	eval(t, ctx, `[...document.querySelectorAll("#softmax-table tbody tr")].map(r =>
		[...r.querySelectorAll("td")].map(td => +td.dataset.p))`, &rows)
	return rows
}

func TestSoftmaxTable(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "view=softmax")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	waitTrace(t, ctx, 151)

	rows := softmaxRows(t, ctx)
	if len(rows) != 7 {
		t.Fatalf("%d rows, want one per input token (7)", len(rows))
	}
	for i, r := range rows {
		if len(r) != 9 {
			t.Errorf("row %d has %d columns, want the 9 tokens of the vocabulary", i, len(r))
		}
		sum := 0.0
		for _, p := range r {
			sum += p
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Errorf("softmax(-1) row %d sums to %g, want 1", i, sum)
		}
	}
	// The trained model predicts the sentence: each row's argmax is its target.
	var marks []bool
	eval(t, ctx, `[...document.querySelectorAll("#softmax-table tbody tr")].map(r =>
		r.querySelector("td.argmax") === r.querySelector("td.target"))`, &marks)
	for i, same := range marks {
		if !same {
			t.Errorf("row %d: the argmax is not the target after 151 steps", i)
		}
	}
	shot(t, ctx, "#look", "view-softmax.png")

	// softmax(0): each column sums to 1 over the time steps, the rows do not.
	click(t, ctx, "#softmax-axis-0")
	if err := chromedp.Do(ctx, waitJS(`document.querySelector("#softmax-table").dataset.axis === "0"`)); err != nil {
		t.Fatal(err)
	}
	rows = softmaxRows(t, ctx)
	rowOff := false
	for j := range rows[0] {
		sum := 0.0
		for i := range rows {
			sum += rows[i][j]
		}
		if math.Abs(sum-1) > 1e-3 {
			t.Errorf("softmax(0) column %d sums to %g, want 1", j, sum)
		}
	}
	for _, r := range rows {
		sum := 0.0
		for _, p := range r {
			sum += p
		}
		rowOff = rowOff || math.Abs(sum-1) > 0.05
	}
	if !rowOff {
		t.Error("softmax(0): every row sums to 1, so the switch changed nothing")
	}
	if why := text(t, ctx, "#softmax-why"); !strings.Contains(why, "column") {
		t.Errorf("softmax(0) explanation = %q", why)
	}
}

func TestCellView(t *testing.T) {
	for _, c := range []struct {
		cell string
		maps []string // heatmap canvases expected for layer 0
	}{
		{"rnn", []string{"hm-h-0"}},
		{"lstm", []string{"hm-h-0", "hm-c-0", "hm-i-0", "hm-f-0", "hm-g-0", "hm-o-0"}},
		{"gru", []string{"hm-h-0", "hm-r-0", "hm-z-0", "hm-n-0"}},
	} {
		t.Run(c.cell, func(t *testing.T) {
			ctx := newTab(t, 90*time.Second)
			openPlayground(t, ctx, "view=cell&cell="+c.cell+"&steps=20&autoplay=1")
			waitState(t, ctx, "done")
			waitTrace(t, ctx, 20)
			for _, id := range c.maps {
				var size []int
				eval(t, ctx, fmt.Sprintf(`(() => { const c = document.getElementById(%q); return c ? [c.width, c.height] : [] })()`, id), &size)
				if len(size) != 2 || size[0] != 7 || size[1] != 20 {
					t.Errorf("heatmap %s: canvas %v, want 7 steps × 20 units", id, size)
				}
			}
			// Pick step 3 and read its computation.
			if err := chromedp.Do(ctx,
				chromedp.SetValue(chromedp.CSS("#cell-step"), "3"),
				chromedp.Evaluate[chromedp.Void](`document.querySelector("#cell-step").dispatchEvent(new Event("input"))`),
				waitJS(`document.querySelector("#step-math-0 figcaption").textContent.includes("t = 3")`),
			); err != nil {
				t.Fatal("picking step 3:", err)
			}
			math := text(t, ctx, "#step-math-0")
			want := map[string]string{"rnn": "h_{t-1}·W_hhᵀ", "lstm": "c_t = f ⊙ c_{t-1} + i ⊙ g", "gru": "(1 − z) ⊙ n"}[c.cell]
			if !strings.Contains(math, want) {
				t.Errorf("step computation %q does not show %q", math, want)
			}
			if c.cell != "rnn" {
				shot(t, ctx, "#look", "view-cell-"+c.cell+".png")
			} else {
				shot(t, ctx, "#look", "view-cell.png")
			}
		})
	}
}

// decades reads the falloff of each curve of an SVG chart.
func decades(t *testing.T, ctx context.Context, chart string) map[string]float64 {
	t.Helper()
	var out map[string]float64
	eval(t, ctx, fmt.Sprintf(`Object.fromEntries([...document.querySelectorAll("#%s polyline")].map(p =>
		[p.dataset.name, +p.dataset.decades]))`, chart), &out)
	return out
}

// The long-dependency lesson: after training, the RNN's ‖∂ℓ_T/∂h_t‖ falls
// more steeply from the last step to the first than the LSTM's.
func TestVanishingGradientRNNvsLSTM(t *testing.T) {
	q := url.Values{"text": {longDependency}, "tok": {"char"}, "steps": {"151"}, "view": {"compare"}}
	ctx := newTab(t, 240*time.Second)
	openPlayground(t, ctx, q.Encode())
	click(t, ctx, "#compare-start")
	if err := chromedp.Do(ctx, waitJS(`(() => {
		const s = [...document.querySelectorAll("#compare-status li")];
		return s.length === 3 && s.every(li => li.dataset.state === "done" && li.dataset.traceStep === "151") })()`)); err != nil {
		t.Fatalf("the three runs did not finish: %q: %v", text(t, ctx, "#compare-status"), err)
	}
	d := decades(t, ctx, "compare-gradient")
	t.Logf("falloff in decades (last step → first): %v", d)
	if len(d) != 3 {
		t.Fatalf("gradient curves %v, want RNN, LSTM, GRU", d)
	}
	if !(d["RNN"] > d["LSTM"]+2) {
		t.Errorf("the RNN's gradient falls %.1f decades, the LSTM's %.1f: want the RNN's steeper by more than 2", d["RNN"], d["LSTM"])
	}
	var losses int
	eval(t, ctx, `document.querySelectorAll("#compare-loss polyline").length`, &losses)
	if losses != 3 {
		t.Errorf("%d loss curves, want 3", losses)
	}
	shot(t, ctx, "#look", "view-compare.png")

	// The single-model view shows the same kind of curve for the page's run.
	click(t, ctx, "#tab-gradient")
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	waitTrace(t, ctx, 151)
	single := decades(t, ctx, "gradient-chart")
	if v, ok := single["layer 1"]; !ok || math.Abs(v-d["RNN"]) > 0.01 {
		t.Errorf("gradient view of the page's RNN: %v, want the compare run's RNN %.3f (same seed, same text)", single, d["RNN"])
	}
	shot(t, ctx, "#look", "view-gradient.png")
}

const longDependency = "나는 한국 사람이고, 중국 칭다오에 아주 오래 살다가 지금은 서울에 살고 있어. 어쨌든, 미국으로 유학을 다녀왔지만 영어는 잘 못해, 하지만 중국어는 잘해!"

func TestHiddenControlsStayHidden(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, "hide=layers,seed,vocab&view=cell&steps=10")
	visible := func(sel string) bool {
		var v bool
		eval(t, ctx, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.offsetParent !== null })()`, sel), &v)
		return v
	}
	check := func(when string) {
		for _, sel := range []string{"#opt-layers", "#opt-seed", "#vocab"} {
			if visible(sel) {
				t.Errorf("%s: %s is visible, the link hides it", when, sel)
			}
		}
		for _, sel := range []string{"#opt-hidden", "#opt-cell", "#play, #pause"} {
			if !visible(sel) {
				t.Errorf("%s: %s is hidden, the link does not hide it", when, sel)
			}
		}
	}
	check("on load")
	// Re-rendering (an edit, training) keeps them hidden, and the link keeps hide=.
	if err := chromedp.Do(ctx,
		chromedp.SetValue(chromedp.CSS("#opt-hidden"), "12"),
		chromedp.Evaluate[chromedp.Void](`document.querySelector("#opt-hidden").dispatchEvent(new Event("change"))`),
	); err != nil {
		t.Fatal(err)
	}
	trainToEnd(t, ctx)
	check("after an edit and training")
	var href string
	eval(t, ctx, `location.search`, &href)
	if !strings.Contains(href, "hide=layers,seed,vocab") || !strings.Contains(href, "hidden=12") || !strings.Contains(href, "view=cell") {
		t.Errorf("the link lost its classroom part: %s", href)
	}
	if got := text(t, ctx, "#notices"); got != "" {
		t.Errorf("the link's view/hide were reported as unknown: %q", got)
	}
	var share string
	eval(t, ctx, `document.querySelector("#share-link").value`, &share)
	if !strings.HasSuffix(share, "?"+strings.TrimPrefix(href, "?")) {
		t.Errorf("the link to copy %q is not the page's %q", share, href)
	}
}

func TestKoreanUI(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/?lang=ko"),
		started(),
		waitJS(`!!document.querySelector("#tab-softmax")`),
	); err != nil {
		t.Fatal(err)
	}
	for sel, want := range map[string]string{
		"#tab-softmax": "소프트맥스 표", "#tab-cell": "셀 내부", "#tab-gradient": "기울기 소실",
		"#look h2": "안을 들여다보기", "#lessons summary": "수업", "#lang-switch": "English",
	} {
		if got := text(t, ctx, sel); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want %q", sel, got, want)
		}
	}
	screenshot(t, ctx, "view-korean.png")

	// Messages made at run time are Korean too: a refused value in the link.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(baseURL+"/?lang=ko&hidden=5000"),
		started(),
		waitJS(`!!document.querySelector("#notices")`),
	); err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#notices"); !strings.Contains(got, "은닉 크기는 1부터 2048까지의 정수여야 합니다") {
		t.Errorf("notice in Korean = %q", got)
	}

	// The switch goes back to English and remembers it.
	click(t, ctx, "#lang-switch")
	time.Sleep(time.Second) // the page reloads
	if err := chromedp.Do(ctx, started(), waitJS(`(() => { const t = document.querySelector("#tab-softmax"); return !!t && t.textContent === "Softmax table" })()`)); err != nil {
		t.Fatalf("after the switch: %q: %v", text(t, ctx, "#tab-softmax"), err)
	}
}

// An exported model, imported into a page with other settings, predicts
// as it did.
func TestExportImportSamePredictions(t *testing.T) {
	dir := t.TempDir()
	ctx := newTab(t, 120*time.Second)
	openPlayground(t, ctx, "cell=gru&steps=60&autoplay=1")
	waitState(t, ctx, "done")
	before := topGuesses(t, ctx, "We are going")
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#export-model")
	var file string
	for deadline := time.Now().Add(20 * time.Second); file == "" && time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		m, _ := filepath.Glob(filepath.Join(dir, "*.safetensors"))
		if len(m) > 0 {
			file = m[0]
		}
	}
	if file == "" {
		t.Fatal("no file downloaded")
	}

	ctx2 := newTab(t, 60*time.Second)
	openPlayground(t, ctx2, "cell=rnn&hidden=7")
	importFile(t, ctx2, file)
	after := topGuesses(t, ctx2, "We are going")
	if strings.Join(after, "|") != strings.Join(before, "|") {
		t.Errorf("after import the top guesses are %v, before export %v", after, before)
	}
	var cell string
	eval(t, ctx2, `document.querySelector("#opt-cell").value`, &cell)
	if cell != "gru" {
		t.Errorf("the form shows cell %q after importing a GRU", cell)
	}
	shot(t, ctx2, "#share", "view-share.png")

	// The model is also kept in the browser and restored on reload (the
	// same visitor, so the same storage).
	ctx3 := sameVisitorTab(t, ctx, 60*time.Second)
	openPlayground(t, ctx3, "cell=gru&steps=60")
	if err := chromedp.Do(ctx3, waitJS(`(document.querySelector("#origin-what") || {}).textContent?.includes("kept at step 60")`)); err != nil {
		t.Fatalf("the kept model was not restored: %q: %v", text(t, ctx3, "#train"), err)
	}
	if got := topGuesses(t, ctx3, "We are going"); strings.Join(got, "|") != strings.Join(before, "|") {
		t.Errorf("restored model guesses %v, want %v", got, before)
	}
}

// Files written by PyTorch (rnn/testdata/gen_checkpoint.py) predict as
// PyTorch does: the same top 5 tokens with the same probabilities
// (testdata/pytorch_guesses.json, written by gen_pytorch_guesses.py).
func TestImportPyTorchModel(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "pytorch_guesses.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		File, Prefix string
		Top          []struct {
			Token string
			P     float64
		}
	}
	if err := json.Unmarshal(raw, &cases); err != nil {
		t.Fatal(err)
	}
	for _, c := range cases {
		t.Run(c.File, func(t *testing.T) {
			ctx := newTab(t, 60*time.Second)
			openPlayground(t, ctx, "")
			importFile(t, ctx, filepath.Join(repoRoot, "rnn", "testdata", c.File))
			got := topGuesses(t, ctx, c.Prefix)
			var want []string
			for _, g := range c.Top {
				tok := g.Token
				if tok == " " {
					tok = "␣"
				}
				want = append(want, fmt.Sprintf("%s %.1f%%", tok, 100*g.P))
			}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("after %q the page guesses %v, PyTorch %v", c.Prefix, got, want)
			}
		})
	}
}

func importFile(t *testing.T, ctx context.Context, file string) {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.SetUploadFiles(chromedp.CSS("#import-model"), []string{file}),
		waitJS(`(document.querySelector("#origin-what") || {}).textContent?.startsWith("Loaded")`),
	); err != nil {
		t.Fatalf("importing %s: %q: %v", file, pageText(ctx), err)
	}
}

// topGuesses types prefix into the Ask box and reads the guesses.
func topGuesses(t *testing.T, ctx context.Context, prefix string) []string {
	t.Helper()
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => { const p = document.querySelector("#prefix");
			p.value = %q; p.dispatchEvent(new Event("input")) })()`, prefix)),
		waitJS(`document.querySelectorAll("#top-guesses .guess").length > 0`),
	); err != nil {
		t.Fatalf("asking %q: %v", prefix, err)
	}
	var out []string
	eval(t, ctx, `[...document.querySelectorAll("#top-guesses .guess")].map(g =>
		g.querySelector(".guess-token").textContent + " " + g.querySelector(".guess-p").textContent)`, &out)
	return out
}

// A lesson is a link: choosing one opens the page with its settings and view.
func TestLessonOpensItsLink(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, "")
	click(t, ctx, "#lessons summary")
	shot(t, ctx, ".top", "view-lessons.png")
	click(t, ctx, "#lesson-long .lesson-link")
	time.Sleep(time.Second) // the page reloads
	if err := chromedp.Do(ctx, started(),
		waitJS(`!!document.querySelector("#compare-start")`)); err != nil {
		t.Fatal("the long-dependency lesson does not open the compare view:", err)
	}
	var tok, txt string
	eval(t, ctx, `document.querySelector("#tok-char").checked ? "char" : "word"`, &tok)
	eval(t, ctx, `document.querySelector("#opt-text").value`, &txt)
	if tok != "char" || txt != longDependency {
		t.Errorf("lesson opened with tokens %q and text %q", tok, txt)
	}

	// Show as PyTorch writes the lesson's run.
	click(t, ctx, "#pytorch summary")
	code := text(t, ctx, "#pytorch-code")
	for _, want := range []string{"torch.manual_seed(70)", "list(line.rstrip(", "nn.RNN(input_size, hidden_size, num_layers", "for step in range(200):", "중국어는 잘해!"} {
		if !strings.Contains(code, want) {
			t.Errorf("the PyTorch code lacks %q", want)
		}
	}
	shot(t, ctx, "#pytorch", "view-pytorch.png")
}

// A storage that refuses to keep the model gives a message, not a crash.
func TestFullStorageIsExplained(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, "steps=5")
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](
		`Storage.prototype.setItem = () => { throw new DOMException("the quota has been exceeded", "QuotaExceededError") }`)); err != nil {
		t.Fatal(err)
	}
	click(t, ctx, "#play")
	waitState(t, ctx, "done")
	if err := chromedp.Do(ctx, waitJS(`(document.querySelector("#model-message") || {}).textContent?.includes("did not keep the model")`)); err != nil {
		t.Fatalf("no message for a full storage: %q: %v", text(t, ctx, "#model-message"), err)
	}
	click(t, ctx, "#step") // the page still works
	click(t, ctx, "#reset")
	waitState(t, ctx, "paused")
}

// A model file dropped on the page loads as a picked one does.
func TestDropModelFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "rnn", "testdata", "pytorch_notebook.safetensors"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, "cell=lstm")
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
			const bytes = Uint8Array.from(atob(%q), c => c.charCodeAt(0));
			const dt = new DataTransfer();
			dt.items.add(new File([bytes], "notebook.safetensors"));
			document.querySelector("#model-drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
		})()`, base64.StdEncoding.EncodeToString(data))),
		waitJS(`(document.querySelector("#origin-what") || {}).textContent?.startsWith("Loaded notebook.safetensors")`),
	); err != nil {
		t.Fatalf("dropping a model: %q: %v", pageText(ctx), err)
	}
	if got := topGuesses(t, ctx, "We are"); len(got) == 0 || !strings.HasPrefix(got[0], "going ") {
		t.Errorf("the dropped notebook model guesses %v after \"We are\"", got)
	}
}

// The views can trace any sequence of the batch: here the second line.
func TestTraceAnotherSequence(t *testing.T) {
	ctx := newTab(t, 60*time.Second)
	openPlayground(t, ctx, url.Values{"text": {"나는 학교에 간다\n너는 집에 온다"}, "view": {"softmax"}}.Encode())
	waitTrace(t, ctx, 0)
	if err := chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`(() => { const r = document.querySelector("#trace-row");
			r.value = "2"; r.dispatchEvent(new Event("change")) })()`),
		waitJS(`document.querySelector("#trace-note").dataset.row === "1"`),
	); err != nil {
		t.Fatal("choosing sequence 2:", err)
	}
	var labels []string
	eval(t, ctx, `[...document.querySelectorAll("#softmax-table tbody th")].map(th => th.textContent)`, &labels)
	if strings.Join(labels, "|") != "0 너는|1 집에" {
		t.Errorf("rows of sequence 2: %q", labels)
	}
}

// A large softmax (the classroom run: 64 steps × 24 tokens) is drawn on a
// canvas, with its rows still given as text.
func TestSoftmaxCanvasForLargeRuns(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	openPlayground(t, ctx, slowRun(t)+"&view=softmax")
	click(t, ctx, "#step")
	waitTrace(t, ctx, 1)
	var rows, alts int
	eval(t, ctx, `+document.querySelector("#softmax-canvas").dataset.rows`, &rows)
	eval(t, ctx, `document.querySelectorAll("#softmax-text li").length`, &alts)
	if rows != 64 || alts != 64 {
		t.Errorf("canvas of %d rows, %d rows as text; want 64 (T)", rows, alts)
	}
	if n := text(t, ctx, "#softmax-table"); n != "" {
		t.Error("a 64×24 softmax is also drawn as an HTML table")
	}
	shot(t, ctx, "#look", "view-softmax-large.png")
}

// The large softmax's labels stay in view while its squares scroll under
// them, each label whole and beside its square: Korean words rotated into
// a 40 px canvas header were cut at the top and ran into each other.
func TestSoftmaxCanvasKeepsItsLabelsInView(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	asPhone(t, ctx) // too narrow for the table: its box scrolls both ways
	text := "나는 오늘 학교에서 순환 신경망을 배웠다. 순환 신경망은 이전 단계의 은닉 상태를 다음 단계로 전달한다. " +
		"그래서 문장의 앞부분을 기억하면서 다음 단어를 예측할 수 있다. 하지만 문장이 길어지면 기울기가 사라지는 문제가 생긴다."
	openPlayground(t, ctx, url.Values{"text": {text}, "tok": {"word"}, "window": {"30"}, "steps": {"100000"},
		"lang": {"ko"}, "view": {"softmax"}}.Encode())
	click(t, ctx, "#step")
	waitTrace(t, ctx, 1)
	type layout struct {
		Cut                          []string // labels not shown whole
		Misplaced                    []string // labels not beside their square
		HeadTop, BoxTop, RowsLeft    float64
		BoxLeft, ScrollTop, ScrollLf float64
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[layout](`(async () => {
		const box = document.querySelector("#softmax-canvas").closest(".sm-scroll");
		const canvas = document.querySelector("#softmax-canvas").getBoundingClientRect();
		const cols = [...document.querySelectorAll("#softmax-head span")], rows = [...document.querySelectorAll("#softmax-rows div")];
		const cut = [...cols.filter(s => s.scrollHeight > s.clientHeight), ...rows.filter(d => d.scrollWidth > d.clientWidth)]
			.map(e => e.textContent);
		const misplaced = [
			...cols.filter((s, j) => Math.abs(s.getBoundingClientRect().left - (canvas.left + 16 * j)) > 1),
			...rows.filter((d, t) => Math.abs(d.getBoundingClientRect().top - (canvas.top + 16 * t)) > 1)].map(e => e.textContent);
		box.scrollTop = 200; box.scrollLeft = 150;
		await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
		const b = box.getBoundingClientRect();
		return {cut, misplaced, headTop: document.querySelector("#softmax-head").getBoundingClientRect().top, boxTop: b.top,
			rowsLeft: document.querySelector("#softmax-rows").getBoundingClientRect().left, boxLeft: b.left,
			scrollTop: box.scrollTop, scrollLf: box.scrollLeft};
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal("reading the table's layout:", err)
	}
	if got.ScrollTop < 10 || got.ScrollLf < 10 {
		t.Fatalf("the table's box did not scroll (top %g, left %g)", got.ScrollTop, got.ScrollLf)
	}
	if math.Abs(got.HeadTop-got.BoxTop) > 1 {
		t.Errorf("scrolled down, the column labels are at %g, the box's top at %g", got.HeadTop, got.BoxTop)
	}
	if math.Abs(got.RowsLeft-got.BoxLeft) > 1 {
		t.Errorf("scrolled sideways, the row labels are at %g, the box's left at %g", got.RowsLeft, got.BoxLeft)
	}
	if len(got.Cut) > 0 {
		t.Errorf("labels cut short: %q", got.Cut)
	}
	if len(got.Misplaced) > 0 {
		t.Errorf("labels not beside their squares: %q", got.Misplaced)
	}
}

// On a phone (2 device pixels a CSS pixel) the large softmax is drawn at
// the screen's pixels: at one a CSS pixel its labels were blurred.
func TestSoftmaxCanvasAtTheScreensPixels(t *testing.T) {
	ctx := newTab(t, 90*time.Second)
	asPhone(t, ctx)
	openPlayground(t, ctx, slowRun(t)+"&view=softmax")
	click(t, ctx, "#step")
	waitTrace(t, ctx, 1)
	var size struct{ Pixels, CSS, Ratio float64 }
	eval(t, ctx, `(() => { const c = document.querySelector("#softmax-canvas");
		return {pixels: c.width, css: parseFloat(c.style.width), ratio: devicePixelRatio} })()`, &size)
	if size.Ratio != 2 || size.Pixels != 2*size.CSS {
		t.Errorf("the canvas is %g pixels wide for %g CSS pixels at a device pixel ratio of %g; want %g",
			size.Pixels, size.CSS, size.Ratio, 2*size.CSS)
	}
	shot(t, ctx, "#look", "view-softmax-phone.png")
}
