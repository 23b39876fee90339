package safetensors

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"unicode/utf8"
)

// Write encodes tensors and metadata as a safetensors file. The output is
// deterministic: metadata first, then the tensors sorted by name, their data
// packed in that order, and the header padded with spaces so the data starts
// at a multiple of 8 bytes. F32 tensors are rounded from float64 to the
// nearest float32.
func Write(w io.Writer, tensors []Tensor, metadata map[string]string) error {
	order, err := checkTensors(tensors)
	if err != nil {
		return err
	}
	head, err := encodeHeader(tensors, order, metadata)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	var word [8]byte
	binary.LittleEndian.PutUint64(word[:], uint64(len(head)))
	bw.Write(word[:])
	bw.Write(head)
	for _, i := range order {
		t := &tensors[i]
		for _, x := range t.Data {
			if t.DType == F32 {
				binary.LittleEndian.PutUint32(word[:], math.Float32bits(float32(x)))
				bw.Write(word[:4])
			} else {
				binary.LittleEndian.PutUint64(word[:], math.Float64bits(x))
				bw.Write(word[:])
			}
		}
	}
	if err := bw.Flush(); err != nil {
		return errorf("%v", err)
	}
	return nil
}

// checkTensors refuses what Read would refuse, and returns the indices of
// the tensors sorted by name.
func checkTensors(tensors []Tensor) ([]int, error) {
	order := make([]int, len(tensors))
	for i, t := range tensors {
		order[i] = i
		if t.Name == "" || t.Name == metadataKey || !utf8.ValidString(t.Name) {
			return nil, errorf("a tensor cannot be named %q", t.Name)
		}
		if t.DType.Size() == 0 {
			return nil, errorf("tensor %q: dtype %q is not supported (only F32 and F64)", t.Name, t.DType)
		}
		n := 1
		for _, d := range t.Shape {
			if d < 0 || d > math.MaxInt32 {
				return nil, errorf("tensor %q: invalid shape %v", t.Name, t.Shape)
			}
			n *= d
		}
		if _, ok := byteSize(t.DType, t.Shape); !ok || n != len(t.Data) {
			return nil, errorf("tensor %q: shape %v needs %d values, not %d", t.Name, t.Shape, n, len(t.Data))
		}
	}
	sort.Slice(order, func(a, b int) bool { return tensors[order[a]].Name < tensors[order[b]].Name })
	for k := 1; k < len(order); k++ {
		if name := tensors[order[k]].Name; name == tensors[order[k-1]].Name {
			return nil, errorf("two tensors are named %q", name)
		}
	}
	return order, nil
}

// encodeHeader writes the JSON header by hand to fix its key order (Go maps
// have none), padded with spaces to a multiple of 8 bytes.
func encodeHeader(tensors []Tensor, order []int, metadata map[string]string) ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for k, v := range metadata {
		if !utf8.ValidString(k) || !utf8.ValidString(v) {
			return nil, errorf("metadata %q is not valid UTF-8", k)
		}
	}
	if metadata != nil {
		b.WriteString(`"` + metadataKey + `":`)
		if err := writeJSON(&b, metadata); err != nil { // map keys come out sorted
			return nil, errorf("metadata: %v", err)
		}
	}
	var offset uint64
	for k, i := range order {
		t := &tensors[i]
		if k > 0 || metadata != nil {
			b.WriteByte(',')
		}
		if err := writeJSON(&b, t.Name); err != nil {
			return nil, errorf("tensor name %q: %v", t.Name, err)
		}
		n := uint64(len(t.Data) * t.DType.Size())
		fmt.Fprintf(&b, `:{"dtype":"%s","shape":[`, t.DType)
		for j, d := range t.Shape {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(strconv.Itoa(d))
		}
		fmt.Fprintf(&b, `],"data_offsets":[%d,%d]}`, offset, offset+n)
		offset += n
	}
	b.WriteByte('}')
	for b.Len()%8 != 0 {
		b.WriteByte(' ')
	}
	return b.Bytes(), nil
}

// writeJSON encodes v without HTML escaping, so "<unk>" stays readable.
func writeJSON(b *bytes.Buffer, v any) error {
	e := json.NewEncoder(b)
	e.SetEscapeHTML(false)
	if err := e.Encode(v); err != nil {
		return err
	}
	b.Truncate(b.Len() - 1) // Encode ends with a newline
	return nil
}
