package safetensors

import (
	"bytes"
	"math"
	"reflect"
	"testing"
)

// FuzzRead checks that Read never panics and that whatever it accepts
// survives Write and Read again unchanged.
func FuzzRead(f *testing.F) {
	var valid bytes.Buffer
	err := Write(&valid, []Tensor{
		{Name: "embedding_layer.weight", DType: F32, Shape: []int{3, 2}, Data: []float64{1, 2, 3, 4, 5, 6}},
		{Name: "linear.bias", DType: F64, Shape: []int{3}, Data: []float64{-1, 0, 1}},
	}, map[string]string{"vocab": `["<unk>","a","b"]`, "tokenizer": "word"})
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid.Bytes())
	f.Add(valid.Bytes()[:40])
	f.Add(file(`{}`, nil))
	f.Add(file(`{"t":{"dtype":"F32","shape":[0],"data_offsets":[0,0]}}`, nil))
	f.Add(file(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, f32s(1, 2)))
	f.Add(file(`{"__metadata__":{"a":"1","a":"2"}}`, nil))
	f.Add(file(`{"t":{"dtype":"F32","shape":[4294967295,4294967295],"data_offsets":[0,4]}}`, f32s(1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := Read(data)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := Write(&buf, file.Tensors, file.Metadata); err != nil {
			t.Fatalf("Write refused what Read accepted: %v", err)
		}
		again, err := Read(buf.Bytes())
		if err != nil {
			t.Fatalf("Read refused what Write wrote: %v", err)
		}
		if len(again.Tensors) != len(file.Tensors) || !reflect.DeepEqual(again.Metadata, file.Metadata) {
			t.Fatalf("round trip changed the file: %+v, then %+v", file, again)
		}
		for _, want := range file.Tensors {
			got := again.Tensor(want.Name)
			if got == nil || got.DType != want.DType || !reflect.DeepEqual(got.Shape, want.Shape) || !sameValues(got.Data, want.Data) {
				t.Fatalf("tensor %q changed: %+v, then %+v", want.Name, want, got)
			}
		}
	})
}

// sameValues compares bit for bit, except that any NaN equals any NaN
// (converting float32 to float64 and back may quiet a signalling NaN).
func sameValues(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) && !(math.IsNaN(a[i]) && math.IsNaN(b[i])) {
			return false
		}
	}
	return true
}
