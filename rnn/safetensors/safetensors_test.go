package safetensors

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"
)

// file assembles a safetensors file from a header and a data buffer.
func file(header string, data []byte) []byte {
	b := binary.LittleEndian.AppendUint64(nil, uint64(len(header)))
	return append(append(b, header...), data...)
}

func f32s(xs ...float32) []byte {
	var b []byte
	for _, x := range xs {
		b = binary.LittleEndian.AppendUint32(b, math.Float32bits(x))
	}
	return b
}

func TestReadValid(t *testing.T) {
	data := append(f32s(1, 2, 3, 4, 5, 6), binary.LittleEndian.AppendUint64(nil, math.Float64bits(-0.5))...)
	// Tensors listed out of data order, a scalar, metadata last, padding.
	header := `{"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},` +
		` "s":{"data_offsets":[24,32],"shape":[],"dtype":"F64"},` +
		`"__metadata__":{"vocab":"[\"<unk>\"]","format":"pt"}}   `
	f, err := Read(file(header, data))
	if err != nil {
		t.Fatal(err)
	}
	want := &File{
		Tensors: []Tensor{
			{Name: "w", DType: F32, Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}},
			{Name: "s", DType: F64, Shape: []int{}, Data: []float64{-0.5}},
		},
		Metadata: map[string]string{"vocab": `["<unk>"]`, "format": "pt"},
	}
	if !reflect.DeepEqual(f, want) {
		t.Errorf("Read =\n%+v\nwant\n%+v", f, want)
	}
	if got := f.Tensor("s"); got == nil || got.Data[0] != -0.5 {
		t.Errorf(`Tensor("s") = %+v`, got)
	}
	if f.Tensor("missing") != nil {
		t.Error(`Tensor("missing") != nil`)
	}
	// ReadHeader: the same without the values.
	h, err := ReadHeader(file(header, data))
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Tensors {
		want.Tensors[i].Data = nil
	}
	if !reflect.DeepEqual(h, want) {
		t.Errorf("ReadHeader =\n%+v\nwant\n%+v", h, want)
	}
}

func TestReadEmptyAndZeroSized(t *testing.T) {
	f, err := Read(file(`{}`, nil))
	if err != nil || len(f.Tensors) != 0 || f.Metadata != nil {
		t.Errorf("Read({}) = %+v, %v", f, err)
	}
	// Zero-element tensors take no bytes and may share an offset.
	f, err = Read(file(`{"a":{"dtype":"F32","shape":[0,3],"data_offsets":[4,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, f32s(7)))
	if err != nil {
		t.Fatal(err)
	}
	if a := f.Tensor("a"); a == nil || len(a.Data) != 0 || !reflect.DeepEqual(a.Shape, []int{0, 3}) {
		t.Errorf("a = %+v", a)
	}
}

func TestReadRefuses(t *testing.T) {
	one := func(dtype, shape, offsets string) string {
		return `{"t":{"dtype":"` + dtype + `","shape":` + shape + `,"data_offsets":` + offsets + `}}`
	}
	hugeLen := binary.LittleEndian.AppendUint64(nil, 1<<62)
	lyingLen := binary.LittleEndian.AppendUint64(nil, 1000)
	tests := []struct {
		name string
		file []byte
		want string // a part of the error message
	}{
		{"empty file", nil, "0 bytes, too short"},
		{"7 bytes", []byte("1234567"), "7 bytes, too short"},
		{"huge header length", append(hugeLen, `{}`...), "over the limit"},
		{"header beyond file", append(lyingLen, `{}`...), "only 2 bytes follow"},
		{"not JSON", file(`{"t":`, nil), "not valid JSON"},
		{"not an object", file(`[1,2]`, nil), "does not start with '{'"},
		{"leading space", file(` {}`, nil), "does not start with '{'"},
		{"second value", file(`{}{}`, nil), "2 bytes after its JSON object"},
		{"garbage after", file(`{}  x`, nil), "1 bytes after"},
		{"invalid UTF-8", file("{\"\xff\":1}", nil), "not valid UTF-8"},
		{"duplicate tensor", file(`{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"t":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, f32s(1, 2)), `key "t" twice`},
		{"duplicate metadata", file(`{"__metadata__":{},"__metadata__":{}}`, nil), `key "__metadata__" twice`},
		{"duplicate metadata key", file(`{"__metadata__":{"a":"1","a":"2"}}`, nil), `__metadata__ has the key "a" twice`},
		{"metadata not object", file(`{"__metadata__":"x"}`, nil), "__metadata__ must be an object, not the string"},
		{"metadata value number", file(`{"__metadata__":{"a":1}}`, nil), `__metadata__["a"] must be a string, not the number 1`},
		{"empty name", file(`{"":{"dtype":"F32","shape":[],"data_offsets":[0,4]}}`, f32s(1)), "empty name"},
		{"entry not object", file(`{"t":[1]}`, nil), `tensor "t": the description must be an object, not an array`},
		{"duplicate field", file(`{"t":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, f32s(1)), `"dtype" is given twice`},
		{"unknown field", file(`{"t":{"dtype":"F32","shape":[1],"data_offsets":[0,4],"x":1}}`, f32s(1)), `unknown field "x"`},
		{"missing field", file(`{"t":{"dtype":"F32","shape":[1]}}`, nil), `"data_offsets" is missing`},
		{"unknown dtype", file(one("Q7", "[1]", "[0,4]"), f32s(1)), `unknown dtype "Q7"`},
		{"unsupported dtype", file(one("I64", "[1]", "[0,8]"), make([]byte, 8)), "dtype I64 is not supported"},
		{"dtype number", file(one(`F32", "x":"`, "[1]", "[0,4]"), f32s(1)), `unknown field "x"`},
		{"negative dim", file(one("F32", "[-1]", "[0,4]"), f32s(1)), "must not be negative (-1)"},
		{"fractional dim", file(one("F32", "[1.5]", "[0,4]"), f32s(1)), "must be a whole number (1.5)"},
		{"exponent dim", file(one("F32", "[1e0]", "[0,4]"), f32s(1)), "must be a whole number (1e0)"},
		{"huge dim", file(one("F32", "[99999999999999999999]", "[0,4]"), f32s(1)), "too large"},
		{"dim over int32", file(one("F32", "[4294967296]", "[0,4]"), f32s(1)), "shape dimension 4294967296 is too large"},
		{"shape overflows", file(one("F32", "[2147483647,2147483647,2147483647]", "[0,4]"), f32s(1)), "is not the 4 bytes"},
		{"shape not array", file(one("F32", `"2"`, "[0,4]"), f32s(1)), "shape must be an array"},
		{"one offset", file(one("F32", "[1]", "[0]"), f32s(1)), "two numbers"},
		{"three offsets", file(one("F32", "[1]", "[0,4,8]"), f32s(1)), "two numbers"},
		{"negative offset", file(one("F32", "[1]", "[-4,0]"), f32s(1)), "must not be negative"},
		{"reversed offsets", file(one("F32", "[1]", "[4,0]"), f32s(1)), "end before they begin"},
		{"offsets beyond data", file(one("F32", "[2]", "[0,8]"), f32s(1)), "has only 4 bytes (truncated file?)"},
		{"huge offset", file(one("F32", "[1]", "[18446744073709551611,18446744073709551615]"), f32s(1)), "has only 4 bytes"},
		{"shape disagrees with offsets", file(one("F32", "[2]", "[0,4]"), f32s(1, 2)), "shape [2] of F32, which is not the 4 bytes"},
		{"F64 read as F32 size", file(one("F64", "[1]", "[0,4]"), f32s(1)), "shape [1] of F64"},
		{"gap at start", file(one("F32", "[1]", "[4,8]"), f32s(1, 2)), "bytes 0 to 4 of the data belong to no tensor"},
		{"trailing bytes", file(one("F32", "[1]", "[0,4]"), f32s(1, 2)), "last 4 bytes of the data belong to no tensor"},
		{"overlap", file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, f32s(1, 2)), `tensor "b" (bytes 4 to 8) overlaps tensor "a" (bytes 0 to 8)`},
		{"same bytes twice", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, f32s(1)), "overlaps"},
		{"gap between", file(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}`, f32s(1, 2, 3)), `bytes 4 to 8 of the data belong to no tensor (the next is "b")`},
		{"long name shortened", file(`{"`+strings.Repeat("n", 1000)+`":{"dtype":"X"}}`, nil), `"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn…"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := ReadHeader(tt.file); err == nil {
				t.Errorf("ReadHeader succeeded")
			}
			f, err := Read(tt.file)
			if err == nil {
				t.Fatalf("Read succeeded: %+v", f)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not say %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "safetensors: ") || len(err.Error()) > 300 {
				t.Errorf("error %q: want a short message starting with safetensors:", err)
			}
		})
	}
}

func TestWriteRead(t *testing.T) {
	in := []Tensor{
		{Name: "z.bias", DType: F64, Shape: []int{3}, Data: []float64{0.1, -2, math.Pi}},
		{Name: "a.weight", DType: F32, Shape: []int{2, 2}, Data: []float64{1, 0.1, -3e38, 1e-45}},
		{Name: "scalar", DType: F32, Shape: []int{}, Data: []float64{42}},
		{Name: "empty", DType: F64, Shape: []int{0, 5}, Data: []float64{}},
	}
	meta := map[string]string{"vocab": `["<unk>","안녕","😀"]`, "tokenizer": "word"}
	var buf bytes.Buffer
	if err := Write(&buf, in, meta); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	n := binary.LittleEndian.Uint64(b)
	if (8+n)%8 != 0 {
		t.Errorf("data starts at byte %d, not a multiple of 8", 8+n)
	}
	if !bytes.Contains(b, []byte(`"<unk>`)) {
		t.Error("metadata was HTML-escaped")
	}
	f, err := Read(b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(f.Metadata, meta) {
		t.Errorf("metadata = %v, want %v", f.Metadata, meta)
	}
	// Written sorted by name; F32 values rounded to float32.
	wantNames := []string{"a.weight", "empty", "scalar", "z.bias"}
	for i, got := range f.Tensors {
		if got.Name != wantNames[i] {
			t.Fatalf("tensor %d is %q, want %q", i, got.Name, wantNames[i])
		}
	}
	for _, w := range in {
		got := f.Tensor(w.Name)
		if got.DType != w.DType || !reflect.DeepEqual(got.Shape, w.Shape) {
			t.Errorf("%s: %v %v, want %v %v", w.Name, got.DType, got.Shape, w.DType, w.Shape)
		}
		for i, x := range w.Data {
			want := x
			if w.DType == F32 {
				want = float64(float32(x))
			}
			if got.Data[i] != want {
				t.Errorf("%s[%d] = %g, want %g", w.Name, i, got.Data[i], want)
			}
		}
	}
	// Deterministic: the same tensors in another order give the same bytes.
	var again bytes.Buffer
	if err := Write(&again, []Tensor{in[3], in[2], in[1], in[0]}, meta); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), b) {
		t.Error("Write depends on the order of its input")
	}
}

func TestWriteRefuses(t *testing.T) {
	tests := []struct {
		name    string
		tensors []Tensor
		meta    map[string]string
		want    string
	}{
		{"no name", []Tensor{{DType: F32, Shape: []int{}, Data: []float64{1}}}, nil, "cannot be named"},
		{"metadata name", []Tensor{{Name: "__metadata__", DType: F32, Shape: []int{}, Data: []float64{1}}}, nil, "cannot be named"},
		{"invalid UTF-8 name", []Tensor{{Name: "\xff", DType: F32, Shape: []int{}, Data: []float64{1}}}, nil, "cannot be named"},
		{"dtype", []Tensor{{Name: "t", DType: "I64", Shape: []int{1}, Data: []float64{1}}}, nil, `dtype "I64" is not supported`},
		{"negative dim", []Tensor{{Name: "t", DType: F32, Shape: []int{-1}, Data: nil}}, nil, "invalid shape"},
		{"too few values", []Tensor{{Name: "t", DType: F32, Shape: []int{2, 2}, Data: []float64{1, 2, 3}}}, nil, "needs 4 values, not 3"},
		{"duplicate", []Tensor{{Name: "t", DType: F32, Shape: []int{}, Data: []float64{1}}, {Name: "t", DType: F64, Shape: []int{}, Data: []float64{2}}}, nil, `two tensors are named "t"`},
		{"metadata UTF-8", nil, map[string]string{"k": "\xff"}, "not valid UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tt.tensors, tt.meta)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Write error = %v, want it to say %q", err, tt.want)
			}
			if buf.Len() != 0 {
				t.Errorf("Write wrote %d bytes before failing", buf.Len())
			}
		})
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestWriteReportsWriterError(t *testing.T) {
	err := Write(failingWriter{}, []Tensor{{Name: "t", DType: F32, Shape: []int{1}, Data: []float64{1}}}, nil)
	if err == nil || err.Error() != "safetensors: disk full" {
		t.Errorf("Write error = %v, want safetensors: disk full", err)
	}
}
