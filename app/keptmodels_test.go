package app

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// mapShelf is a storage of limit bytes of values (0: no limit).
type mapShelf struct {
	m     map[string]string
	limit int
}

func (s *mapShelf) get(k string) (string, bool) { v, ok := s.m[k]; return v, ok }
func (s *mapShelf) remove(k string)             { delete(s.m, k) }
func (s *mapShelf) copy(from, to string) error {
	v, ok := s.m[from]
	if !ok {
		return errors.New("nothing to copy")
	}
	return s.set(to, v)
}
func (s *mapShelf) set(k, v string) error {
	used := len(v)
	for key, old := range s.m {
		if key != k {
			used += len(old)
		}
	}
	if s.limit > 0 && used > s.limit {
		return errors.New("QuotaExceededError")
	}
	s.m[k] = v
	return nil
}

// model is a kept model's JSON for run q, of about size bytes.
func model(q string, size int) string {
	b, _ := json.Marshal(keptModel{Query: q, Model: strings.Repeat("A", size)})
	return string(b)
}

func queryIn(t *testing.T, s *mapShelf, key string) string {
	t.Helper()
	var k keptModel
	if err := json.Unmarshal([]byte(s.m[key]), &k); err != nil {
		t.Fatalf("%s: %v", key, err)
	}
	return k.Query
}

func TestKeptModelsMoveDownASlot(t *testing.T) {
	s := &mapShelf{m: map[string]string{}}
	for _, q := range []string{"a", "b", "a", "c", "d"} {
		if err := keepIn(s, q, model(q, 10)); err != nil {
			t.Fatal(err)
		}
	}
	// d is the newest, then c, then a (kept again after b); b fell off.
	for i, want := range []string{"d", "c", "a"} {
		if got := queryIn(t, s, slotKey(i)); got != want {
			t.Errorf("slot %d holds run %q, want %q", i, got, want)
		}
	}
	if _, ok := keptFor(s, "b"); ok {
		t.Error("the oldest run's model is still kept beyond the slots")
	}
	for _, q := range []string{"a", "c", "d"} {
		raw, ok := keptFor(s, q)
		if !ok || !strings.Contains(raw, `"query":"`+q+`"`) {
			t.Errorf("run %q: kept %v, %.40q", q, ok, raw)
		}
	}
	if len(s.m) != keptSlots+1 {
		t.Errorf("%d keys, want %d slots and the index", len(s.m), keptSlots)
	}
}

// Kept again, a run's model takes slot 0 and the newer ones move down.
func TestKeptModelOfTheSameRunIsReplaced(t *testing.T) {
	s := &mapShelf{m: map[string]string{}}
	for _, q := range []string{"a", "b", "c", "b"} {
		if err := keepIn(s, q, model(q, 10)); err != nil {
			t.Fatal(err)
		}
	}
	for i, want := range []string{"b", "c", "a"} {
		if got := queryIn(t, s, slotKey(i)); got != want {
			t.Errorf("slot %d holds run %q, want %q", i, got, want)
		}
	}
}

// A model kept before there was an index is found, and moves down.
func TestKeptModelBeforeTheIndex(t *testing.T) {
	s := &mapShelf{m: map[string]string{lastModelKey: model("old", 10)}}
	if raw, ok := keptFor(s, "old"); !ok || queryIn(t, s, lastModelKey) != "old" || raw == "" {
		t.Fatal("the model kept before the index is not found")
	}
	if err := keepIn(s, "new", model("new", 10)); err != nil {
		t.Fatal(err)
	}
	if _, ok := keptFor(s, "old"); !ok {
		t.Error("the earlier model is lost when a new run's is kept")
	}
}

// Where storage is full, the oldest models make room for the new one; a
// model larger than the storage is refused with the storage's error, and
// the newest kept model is still found.
func TestKeptModelsMakeRoom(t *testing.T) {
	s := &mapShelf{m: map[string]string{}, limit: 2500}
	for _, q := range []string{"a", "b"} {
		if err := keepIn(s, q, model(q, 1000)); err != nil {
			t.Fatal(err)
		}
	}
	if err := keepIn(s, "c", model("c", 1000)); err != nil {
		t.Fatalf("c: %v", err)
	}
	if _, ok := keptFor(s, "c"); !ok {
		t.Error("the newest model is not kept")
	}
	if _, ok := keptFor(s, "a"); ok {
		t.Error("the oldest model stayed where there was room for two")
	}
	if err := keepIn(s, "huge", model("huge", 5000)); err == nil {
		t.Error("a model larger than the storage is said to be kept")
	}
	if _, ok := keptFor(s, "c"); !ok {
		t.Error("after a refused model the newest kept one is lost")
	}
}
