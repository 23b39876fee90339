package safetensors

import "fmt"

// DType is a tensor's element type, as spelled in the header.
type DType string

// The element types this package reads and writes.
const (
	F32 DType = "F32" // IEEE 754 single precision (torch.float32)
	F64 DType = "F64" // IEEE 754 double precision (torch.float64)
)

// Size is the bytes of one element.
func (d DType) Size() int {
	switch d {
	case F32:
		return 4
	case F64:
		return 8
	}
	return 0
}

// otherDTypes are the rest of the format's types: named so that a file
// holding them is told "not supported" rather than "unknown".
var otherDTypes = map[string]bool{
	"BOOL": true, "U8": true, "I8": true, "F8_E5M2": true, "F8_E4M3": true,
	"I16": true, "U16": true, "F16": true, "BF16": true,
	"I32": true, "U32": true, "I64": true, "U64": true,
}

func parseDType(s string) (DType, error) {
	switch d := DType(s); d {
	case F32, F64:
		return d, nil
	}
	if otherDTypes[s] {
		return "", fmt.Errorf("dtype %s is not supported (only F32 and F64)", s)
	}
	return "", fmt.Errorf("unknown dtype %s", quote(s))
}
