package app

import (
	"encoding/json"
	"errors"
	"strconv"
)

// The browser keeps the models of the last keptSlots runs, the newest in
// lastModelKey: a student who opens the teacher's next exercise and comes
// back to the first finds its model again. A model is about a megabyte of
// text for the classroom run; a small index says which run's model is in
// which slot, so that none is read to find another.
const (
	keptSlots    = 3
	keptIndexKey = "rnn-playground.kept-models"
)

// keptSlot is a slot's storage key and the run (its query) whose model it
// holds.
type keptSlot struct {
	Key   string `json:"key"`
	Query string `json:"query"`
}

// slotKey is the storage key of slot i, 0 the newest.
func slotKey(i int) string {
	if i == 0 {
		return lastModelKey
	}
	return lastModelKey + "." + strconv.Itoa(i)
}

// shelf is where the models are kept: the page's localStorage
// (pageStorage), a map in the tests.
type shelf interface {
	get(key string) (string, bool)
	set(key, value string) error
	copy(from, to string) error // the value need not pass through Go
	remove(key string)
}

// keptIndex is which run's model is in which slot, newest first. A browser
// that kept its model before there was an index has it in slot 0, whose
// query is read from the model.
func keptIndex(s shelf) []keptSlot {
	var idx []keptSlot
	if raw, ok := s.get(keptIndexKey); ok && json.Unmarshal([]byte(raw), &idx) == nil {
		return idx
	}
	if raw, ok := s.get(slotKey(0)); ok {
		var k keptModel
		if json.Unmarshal([]byte(raw), &k) == nil {
			return []keptSlot{{slotKey(0), k.Query}}
		}
	}
	return nil
}

// keepIn stores model, the JSON of run query's kept model, in slot 0. The
// other runs' models move down a slot and the oldest falls off; that run's
// earlier model is replaced. Where storage is full the oldest models go
// until the new one fits. All of it in one task: a reload between the
// moves and the index would find the index wrong.
func keepIn(s shelf, query, model string) error {
	var others []keptSlot
	for _, e := range keptIndex(s) {
		if e.Query != query && len(others) < keptSlots-1 {
			others = append(others, e)
		}
	}
	// From the oldest, so that no slot is written before its model moved.
	for i := len(others) - 1; i >= 0; i-- {
		to := slotKey(i + 1)
		if others[i].Key != to && s.copy(others[i].Key, to) != nil {
			others = others[:i] // full: this one and the older go
			continue
		}
		others[i].Key = to
	}
	err := s.set(slotKey(0), model)
	for err != nil && len(others) > 0 {
		s.remove(others[len(others)-1].Key)
		others = others[:len(others)-1]
		err = s.set(slotKey(0), model)
	}
	for i := len(others) + 1; i < keptSlots; i++ {
		s.remove(slotKey(i))
	}
	if err != nil {
		s.remove(keptIndexKey) // slot 0 holds what it held, or nothing
		return err
	}
	idx, _ := json.Marshal(append([]keptSlot{{slotKey(0), query}}, others...))
	return s.set(keptIndexKey, string(idx))
}

// keptFor is the kept model of run query, as stored.
func keptFor(s shelf, query string) (string, bool) {
	for _, e := range keptIndex(s) {
		if e.Query == query {
			return s.get(e.Key)
		}
	}
	return "", false
}

// pageStorage is the page's localStorage as a shelf.
type pageStorage struct{}

func (pageStorage) get(key string) (string, bool) { return storageGet(key) }
func (pageStorage) set(key, value string) error   { return storageSet(key, value) }

func (pageStorage) copy(from, to string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("storage full")
		}
	}()
	s := localStorage()
	if !s.Truthy() || storageBlocked != "" {
		return errors.New("no localStorage")
	}
	v := s.Call("getItem", from)
	if !v.Truthy() {
		return errors.New("nothing to copy")
	}
	s.Call("setItem", to, v)
	return nil
}

func (pageStorage) remove(key string) {
	defer func() { recover() }()
	if s := localStorage(); s.Truthy() && storageBlocked == "" {
		s.Call("removeItem", key)
	}
}
