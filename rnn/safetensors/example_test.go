package safetensors_test

import (
	"bytes"
	"fmt"

	"github.com/rnn-playground/rnn-playground/rnn/safetensors"
)

func Example() {
	var buf bytes.Buffer
	err := safetensors.Write(&buf, []safetensors.Tensor{
		{Name: "linear.weight", DType: safetensors.F32, Shape: []int{2, 3}, Data: []float64{1, 2, 3, 4, 5, 6}},
		{Name: "linear.bias", DType: safetensors.F32, Shape: []int{2}, Data: []float64{0.5, -0.5}},
	}, map[string]string{"note": "a Linear(3, 2)"})
	if err != nil {
		fmt.Println(err)
		return
	}
	f, err := safetensors.Read(buf.Bytes())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, t := range f.Tensors {
		fmt.Println(t.Name, t.DType, t.Shape, t.Data)
	}
	fmt.Println(f.Metadata["note"])

	_, err = safetensors.Read(buf.Bytes()[:buf.Len()-1])
	fmt.Println(err)
	// Output:
	// linear.bias F32 [2] [0.5 -0.5]
	// linear.weight F32 [2 3] [1 2 3 4 5 6]
	// a Linear(3, 2)
	// safetensors: tensor "linear.weight" ends at byte 32 of the data, which has only 31 bytes (truncated file?)
}
