package app

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rnn-playground/rnn-playground/app/protocol"
)

func draft(kind protocol.GoalKind, kv ...string) goalDraft {
	d := goalDraft{kind: kind, fields: map[string]string{}}
	for i := 0; i+1 < len(kv); i += 2 {
		d.fields[kv[i]] = kv[i+1]
	}
	return d
}

// The link the panel makes reads back, through the page's own decoders, as
// the teacher set it up: the run, the hidden controls (with the panel
// itself), the language, the texts and the goals; a refused goal is left
// out and its problem says why.
func TestTeacherLinkDecodesBack(t *testing.T) {
	settings, _ := protocol.DecodeQuery("cell=lstm&hidden=12&steps=200")
	c := teacherChoices{
		Settings: newRunState(settings).query(),
		View:     "cell",
		Lang:     Korean,
		Hide:     map[string]bool{"seed": true, "layers": true, "vocab": false},
		HideSelf: true,
		Title:    "  Remember 중국  ",
		About:    "Train & watch: a=b; 100% of it.",
		Question: "몇 단계에서 손실이 0.5 아래로 내려가나요?",
		Goals: []goalDraft{
			draft(protocol.GoalLoss, "below", "0.5", "by", "120"),
			draft(protocol.GoalNext, "after", "We are; =%", "token", "going", "p", ""),
			draft(protocol.GoalLoss, "below", "lots"), // refused: not a number
			draft(protocol.GoalCell, "is", "lstm,gru"),
		},
	}
	q := c.query()

	s, msgs := protocol.DecodeQuery(q)
	if len(msgs) > 0 {
		t.Errorf("the settings' decoder reports %v in %q", msgs, q)
	}
	if s.Query() != settings.Query() {
		t.Errorf("settings %q, want %q", s.Query(), settings.Query())
	}

	cl, cmsgs := DecodeClassroom(q)
	if len(cmsgs) > 0 {
		t.Errorf("DecodeClassroom reports %q", cmsgs)
	}
	if want := []string{"layers", "seed", "teacher"}; !slices.Equal(cl.Hide, want) || cl.View != "cell" || cl.Lang != Korean {
		t.Errorf("classroom %+v, want view cell, lang ko, hide %v", cl, want)
	}

	e, emsgs := protocol.DecodeExercise(q)
	if len(emsgs) > 0 {
		t.Errorf("DecodeExercise reports %v", emsgs)
	}
	if e.Title != "Remember 중국" || e.About != c.About || e.Question != c.Question {
		t.Errorf("texts %q, %q, %q", e.Title, e.About, e.Question)
	}
	var goals []string
	for _, g := range e.Goals {
		goals = append(goals, g.String())
	}
	want := []string{"loss;below=0.5;by=120", "next;after=We are%3B %3D%25;token=going", "cell;is=lstm,gru"}
	if !slices.Equal(goals, want) {
		t.Errorf("goals %q, want %q", goals, want)
	}
	if e.Goals[1].After != "We are; =%" {
		t.Errorf("the prefix reads back as %q", e.Goals[1].After)
	}

	_, problems := c.exercise()
	for i, p := range problems {
		if (p != nil) != (i == 2) {
			t.Errorf("goal %d: problem %v", i, p)
		}
	}
	if msg := Tp(problems[2]); !strings.Contains(msg, "below") || !strings.Contains(msg, "loss;below=lots") {
		t.Errorf("the refused goal's problem says %q", msg)
	}

	// Unticking the panel's own box leaves it visible to students.
	c.HideSelf = false
	if cl, _ := DecodeClassroom(c.query()); slices.Contains(cl.Hide, "teacher") {
		t.Errorf("hide %v with the panel's box unticked", cl.Hide)
	}
}

// The texts are cut to the link's limits, so the student's page has
// nothing to cut and no notice to show; goals past the most a page checks
// are left out.
func TestTeacherLinkKeepsToTheLimits(t *testing.T) {
	c := teacherChoices{
		Title:    strings.Repeat("제", protocol.MaxTitle+5),
		About:    strings.Repeat("a", protocol.MaxAbout+1),
		Question: strings.Repeat("?", protocol.MaxQuestion+1),
	}
	for range protocol.MaxGoals + 2 {
		c.Goals = append(c.Goals, draft(protocol.GoalSteps, "max", "100"))
	}
	e, msgs := protocol.DecodeExercise(c.query())
	if len(msgs) > 0 {
		t.Errorf("DecodeExercise reports %v", msgs)
	}
	if len([]rune(e.Title)) != protocol.MaxTitle || len(e.About) != protocol.MaxAbout || len(e.Question) != protocol.MaxQuestion {
		t.Errorf("lengths %d, %d, %d", len([]rune(e.Title)), len(e.About), len(e.Question))
	}
	if len(e.Goals) != protocol.MaxGoals {
		t.Errorf("%d goals, want %d", len(e.Goals), protocol.MaxGoals)
	}
}

// A goal of the page's exercise opens in the editor as the same goal, and
// every kind's new draft is one the page accepts.
func TestGoalDrafts(t *testing.T) {
	for _, s := range []string{"loss;below=0.25;by=90", "next;after=a%3Bb;token=c;p=0.8", "log;text=We are",
		"gradient;decades=8", "params;below=1000", "cell;is=rnn_relu,gru", "steps;max=40", "state;t=2;unit=1;layer=2"} {
		g, err := protocol.ParseGoal(s)
		if err != nil {
			t.Fatal(err)
		}
		back, p := draftOf(g).parse()
		if p != nil || back.String() != s {
			t.Errorf("%q: the draft reads back as %q (%v)", s, back.String(), p)
		}
	}
	for _, k := range protocol.GoalKinds {
		if len(goalInputs[k]) == 0 {
			t.Errorf("kind %s has no inputs", k)
		}
		d := newGoalDraft(k)
		for _, in := range goalInputs[k] {
			if !in.optional && d.fields[in.name] == "" {
				d.fields[in.name] = map[bool]string{true: "1", false: "x"}[in.number]
			}
		}
		if _, p := d.parse(); p != nil {
			t.Errorf("kind %s, filled in: %v", k, p)
		}
		if goalKindLabel(k) == string(k) {
			t.Errorf("kind %s has no label", k)
		}
	}
	// A required field left empty is refused, naming the field.
	if _, p := draft(protocol.GoalNext, "after", "We").parse(); p == nil || !strings.Contains(Tp(p), "token") {
		t.Errorf("a next goal without its token: %v", p)
	}
}

// The panel offers every hideable control once, in the groups, and a
// readable label for each.
func TestHideGroupsCoverHideable(t *testing.T) {
	var offered []string
	for _, g := range hideGroups {
		offered = append(offered, g.keys...)
	}
	offered = append(offered, "teacher") // its own checkbox
	if a, b := slices.Sorted(slices.Values(offered)), slices.Sorted(slices.Values(hideable)); !slices.Equal(a, b) {
		t.Errorf("the panel offers %v, hideable is %v", a, b)
	}
	for _, h := range hideable {
		if hideLabel(h) == h {
			t.Errorf("hide=%s has no label", h)
		}
	}
}

// A QR code of a known link: square, the quiet zone white, the finder
// patterns in three corners, the size of the version its length needs;
// the longest text a QR code holds is encoded and one byte more refused.
func TestQRBitmap(t *testing.T) {
	bits, err := qrBitmap("http://127.0.0.1:8000/?cell=lstm&hide=seed,teacher")
	if err != nil {
		t.Fatal(err)
	}
	n := len(bits)
	if n != 4*3+17+8 { // 51 bytes at level L need version 3
		t.Errorf("%d modules a side with the quiet zone, want %d", n, 4*3+17+8)
	}
	dark := 0
	for y, row := range bits {
		if len(row) != n {
			t.Fatalf("row %d has %d modules", y, len(row))
		}
		for x, b := range row {
			if b && (x < 4 || y < 4 || x >= n-4 || y >= n-4) {
				t.Fatalf("module (%d,%d) of the quiet zone is dark", x, y)
			}
			if b {
				dark++
			}
		}
	}
	if dark < n*n/5 {
		t.Errorf("only %d dark modules of %d", dark, n*n)
	}
	// A finder pattern: a 7×7 dark ring around a light ring around a 3×3 dark square.
	for _, at := range [][2]int{{4, 4}, {n - 11, 4}, {4, n - 11}} {
		for dy := range 7 {
			for dx := range 7 {
				ring := max(abs(dx-3), abs(dy-3))
				if want := ring != 2; bits[at[1]+dy][at[0]+dx] != want {
					t.Fatalf("finder at %v: module (%d,%d) is %v", at, dx, dy, !want)
				}
			}
		}
	}
	// The path draws exactly the dark modules.
	area := 0
	for _, m := range regexp.MustCompile(`h(\d+)v1`).FindAllStringSubmatch(qrPath(bits), -1) {
		w, _ := strconv.Atoi(m[1])
		area += w
	}
	if area != dark {
		t.Errorf("the path covers %d modules, %d are dark", area, dark)
	}

	if _, err := qrBitmap(strings.Repeat("a", qrMaxBytes)); err != nil {
		t.Errorf("%d bytes: %v", qrMaxBytes, err)
	}
	if _, err := qrBitmap(strings.Repeat("a", qrMaxBytes+1)); err == nil {
		t.Errorf("%d bytes make a QR code", qrMaxBytes+1)
	}
}

func abs(x int) int { return max(x, -x) }

// The panel starts from the link the page was opened with: its hidden
// controls (the panel's own box ticked anyway), language and exercise, so
// a teacher can open an exercise link and change it.
func TestTeacherPanelStartsFromTheLink(t *testing.T) {
	q := "cell=gru&view=gradient&hide=seed,teacher&lang=ko&title=Vanishing&question=Why%3F&goal=gradient%3Bdecades%3D6&goal=state%3Bt%3D2%3Bunit%3D1"
	c, _ := DecodeClassroom(q)
	e, _ := protocol.DecodeExercise(q)
	p := &teacherPanel{Settings: "cell=gru", Class: c, Exercise: e}
	p.OnInit()
	got := p.choices()
	if !got.Hide["seed"] || got.Hide["teacher"] || !got.HideSelf || got.Lang != Korean || got.View != "gradient" {
		t.Errorf("choices %+v", got)
	}
	back, _ := protocol.DecodeExercise(got.query())
	if back.Title != "Vanishing" || back.Question != "Why?" || len(back.Goals) != 2 ||
		back.Goals[0].String() != "gradient;decades=6" || back.Goals[1].String() != "state;t=2;unit=1" {
		t.Errorf("the exercise reads back as %+v", back)
	}
}
