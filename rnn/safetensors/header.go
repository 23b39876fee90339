package safetensors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"unicode/utf8"
)

// entry is one tensor as the header describes it; its data is not read yet.
type entry struct {
	name       string
	dtype      DType
	shape      []int
	begin, end uint64 // data_offsets: bytes [begin, end) of the data buffer
}

// header is the decoded JSON header.
type header struct {
	entries  []entry
	metadata map[string]string // nil when the header has no "__metadata__"
}

const metadataKey = "__metadata__"

// parseHeader decodes the JSON header. It reads token by token, so that a
// key given twice is an error instead of a silent overwrite, and every value
// of the wrong type is reported with the tensor it belongs to.
func parseHeader(b []byte) (*header, error) {
	if !utf8.Valid(b) {
		return nil, errors.New("the header is not valid UTF-8")
	}
	if len(b) == 0 || b[0] != '{' {
		return nil, errors.New("the header does not start with '{' (not a safetensors file?)")
	}
	r := &jsonReader{dec: json.NewDecoder(bytes.NewReader(b))}
	r.dec.UseNumber()
	if err := r.delim('{', "the header"); err != nil {
		return nil, err
	}
	h := &header{}
	seen := map[string]bool{}
	for r.dec.More() {
		key, err := r.str("a header key")
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, fmt.Errorf("the header has the key %s twice", quote(key))
		}
		seen[key] = true
		if key == metadataKey {
			if h.metadata, err = r.metadata(); err != nil {
				return nil, err
			}
			continue
		}
		if key == "" {
			return nil, errors.New("the header has a tensor with an empty name")
		}
		e, err := r.entry(key)
		if err != nil {
			return nil, fmt.Errorf("tensor %s: %w", quote(key), err)
		}
		h.entries = append(h.entries, e)
	}
	if err := r.delim('}', "the header"); err != nil {
		return nil, err
	}
	// The format pads the header with spaces; anything else after the
	// object is a second value or garbage.
	if rest := bytes.TrimLeft(b[r.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		return nil, fmt.Errorf("the header has %d bytes after its JSON object", len(rest))
	}
	return h, nil
}

// metadata reads "__metadata__": an object of strings.
func (r *jsonReader) metadata() (map[string]string, error) {
	if err := r.delim('{', metadataKey); err != nil {
		return nil, err
	}
	m := map[string]string{}
	for r.dec.More() {
		key, err := r.str(metadataKey + " key")
		if err != nil {
			return nil, err
		}
		if _, dup := m[key]; dup {
			return nil, fmt.Errorf("%s has the key %s twice", metadataKey, quote(key))
		}
		if m[key], err = r.str(fmt.Sprintf("%s[%s]", metadataKey, quote(key))); err != nil {
			return nil, err
		}
	}
	return m, r.delim('}', metadataKey)
}

// entry reads {"dtype": ..., "shape": [...], "data_offsets": [begin, end]}.
func (r *jsonReader) entry(name string) (entry, error) {
	e := entry{name: name}
	if err := r.delim('{', "the description"); err != nil {
		return e, err
	}
	seen := map[string]bool{}
	for r.dec.More() {
		key, err := r.str("a field name")
		if err != nil {
			return e, err
		}
		if seen[key] {
			return e, fmt.Errorf("the field %s is given twice", quote(key))
		}
		seen[key] = true
		switch key {
		case "dtype":
			s, err := r.str("dtype")
			if err != nil {
				return e, err
			}
			if e.dtype, err = parseDType(s); err != nil {
				return e, err
			}
		case "shape":
			if e.shape, err = r.shape(); err != nil {
				return e, err
			}
		case "data_offsets":
			if e.begin, e.end, err = r.offsets(); err != nil {
				return e, err
			}
		default:
			return e, fmt.Errorf("unknown field %s (expected dtype, shape, data_offsets)", quote(key))
		}
	}
	for _, k := range [...]string{"dtype", "shape", "data_offsets"} {
		if !seen[k] {
			return e, fmt.Errorf("the field %q is missing", k)
		}
	}
	return e, r.delim('}', "the description")
}

func (r *jsonReader) shape() ([]int, error) {
	if err := r.delim('[', "shape"); err != nil {
		return nil, err
	}
	shape := []int{}
	for r.dec.More() {
		d, err := r.uint("a shape dimension")
		if err != nil {
			return nil, err
		}
		if d > math.MaxInt32 {
			return nil, fmt.Errorf("shape dimension %d is too large", d)
		}
		shape = append(shape, int(d))
	}
	return shape, r.delim(']', "shape")
}

func (r *jsonReader) offsets() (begin, end uint64, err error) {
	if err := r.delim('[', "data_offsets"); err != nil {
		return 0, 0, err
	}
	var off []uint64
	for r.dec.More() {
		o, err := r.uint("a data offset")
		if err != nil {
			return 0, 0, err
		}
		if off = append(off, o); len(off) > 2 {
			return 0, 0, errors.New("data_offsets must be two numbers [begin, end]")
		}
	}
	if len(off) != 2 {
		return 0, 0, errors.New("data_offsets must be two numbers [begin, end]")
	}
	if off[1] < off[0] {
		return 0, 0, fmt.Errorf("data_offsets [%d, %d] end before they begin", off[0], off[1])
	}
	return off[0], off[1], r.delim(']', "data_offsets")
}

// jsonReader wraps a token decoder with reads that expect a type and name
// what they were reading when the type is wrong.
type jsonReader struct{ dec *json.Decoder }

func (r *jsonReader) token() (json.Token, error) {
	t, err := r.dec.Token()
	if err != nil {
		return nil, fmt.Errorf("the header is not valid JSON: %v", err)
	}
	return t, nil
}

func (r *jsonReader) delim(want json.Delim, what string) error {
	t, err := r.token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		return fmt.Errorf("%s must be %s, not %s", what, describe(want), describe(t))
	}
	return nil
}

func (r *jsonReader) str(what string) (string, error) {
	t, err := r.token()
	if err != nil {
		return "", err
	}
	s, ok := t.(string)
	if !ok {
		return "", fmt.Errorf("%s must be a string, not %s", what, describe(t))
	}
	return s, nil
}

// uint reads a non-negative integer written without fraction or exponent.
func (r *jsonReader) uint(what string) (uint64, error) {
	t, err := r.token()
	if err != nil {
		return 0, err
	}
	n, ok := t.(json.Number)
	if !ok {
		return 0, fmt.Errorf("%s must be a number, not %s", what, describe(t))
	}
	v, err := strconv.ParseUint(string(n), 10, 64)
	switch {
	case err == nil:
		return v, nil
	case errors.Is(err, strconv.ErrRange):
		return 0, fmt.Errorf("%s is too large (%s)", what, n)
	case len(n) > 0 && n[0] == '-':
		return 0, fmt.Errorf("%s must not be negative (%s)", what, n)
	}
	return 0, fmt.Errorf("%s must be a whole number (%s)", what, n)
}

// describe names a JSON token for an error message.
func describe(t json.Token) string {
	switch v := t.(type) {
	case json.Delim:
		switch v {
		case '{':
			return "an object"
		case '[':
			return "an array"
		case '}':
			return "the end of an object"
		}
		return "the end of an array"
	case string:
		return fmt.Sprintf("the string %q", truncate(v))
	case json.Number:
		return "the number " + truncate(string(v))
	case bool:
		return strconv.FormatBool(v)
	case nil:
		return "null"
	}
	return fmt.Sprintf("%v", t)
}

// truncate keeps error messages short when a hostile file holds huge strings.
func truncate(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if utf8.RuneStart(s[i]) {
			return s[:i] + "…"
		}
	}
	return s[:max] + "…"
}
