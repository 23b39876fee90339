package safetensors

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"sort"
)

// MaxHeaderSize is the largest header accepted, in bytes (the limit of the
// reference implementation).
const MaxHeaderSize = 100_000_000

// Tensor is a named float tensor. Data is row-major, len(Data) is the product
// of Shape (1 for a scalar, whose Shape is empty).
type Tensor struct {
	Name  string
	DType DType // how it is stored in the file; Data is float64 either way
	Shape []int
	Data  []float64
}

// File is the content of a safetensors file.
type File struct {
	Tensors  []Tensor          // in the order of their data in the file
	Metadata map[string]string // "__metadata__"; nil when the file has none
}

// Tensor returns the tensor with that name, or nil.
func (f *File) Tensor(name string) *Tensor {
	for i := range f.Tensors {
		if f.Tensors[i].Name == name {
			return &f.Tensors[i]
		}
	}
	return nil
}

// Read decodes a whole safetensors file. Every way a file can be invalid is
// an error saying what is wrong; no part of the file is used unless all of
// it is valid.
func Read(data []byte) (*File, error) { return read(data, true) }

// ReadHeader checks the whole file as Read does but decodes no data: the
// tensors have their names, dtypes and shapes, and Data nil. It lets a
// caller refuse a file for its shapes before paying for its values.
func ReadHeader(data []byte) (*File, error) { return read(data, false) }

func read(data []byte, values bool) (*File, error) {
	if len(data) < 8 {
		return nil, errorf("the file is %d bytes, too short to hold the 8-byte header length", len(data))
	}
	n := binary.LittleEndian.Uint64(data)
	if n > MaxHeaderSize {
		return nil, errorf("the header length is %d bytes, over the limit of %d (not a safetensors file?)", n, MaxHeaderSize)
	}
	if n > uint64(len(data)-8) {
		return nil, errorf("the header length is %d bytes but only %d bytes follow it (truncated file?)", n, len(data)-8)
	}
	h, err := parseHeader(data[8 : 8+n])
	if err != nil {
		return nil, errorf("%v", err)
	}
	buf := data[8+n:]
	if err := checkLayout(h.entries, uint64(len(buf))); err != nil {
		return nil, errorf("%v", err)
	}
	// Every size below has now been checked against the bytes the file
	// holds: each tensor's data costs at most twice its bytes in float64.
	f := &File{Tensors: make([]Tensor, len(h.entries)), Metadata: h.metadata}
	for i, e := range h.entries {
		f.Tensors[i] = Tensor{Name: e.name, DType: e.dtype, Shape: e.shape}
		if values {
			f.Tensors[i].Data = decode(e.dtype, buf[e.begin:e.end])
		}
	}
	return f, nil
}

// checkLayout checks that each tensor's offsets lie in the data buffer and
// span exactly its shape's bytes, and that the tensors tile the buffer:
// no overlap, no gap, nothing left over. It sorts entries by offset.
func checkLayout(entries []entry, size uint64) error {
	for _, e := range entries {
		if e.end > size {
			return fmt.Errorf("tensor %s ends at byte %d of the data, which has only %d bytes (truncated file?)", quote(e.name), e.end, size)
		}
		if want, ok := byteSize(e.dtype, e.shape); !ok || want != e.end-e.begin {
			return fmt.Errorf("tensor %s has shape %v of %s, which is not the %d bytes of its data_offsets [%d, %d]",
				quote(e.name), e.shape, e.dtype, e.end-e.begin, e.begin, e.end)
		}
	}
	sort.SliceStable(entries, func(i, j int) bool {
		a, b := entries[i], entries[j]
		return a.begin < b.begin || a.begin == b.begin && a.end < b.end
	})
	var pos uint64 // end of the bytes claimed so far
	for i, e := range entries {
		switch {
		case e.begin < pos:
			prev := entries[i-1]
			return fmt.Errorf("tensor %s (bytes %d to %d) overlaps tensor %s (bytes %d to %d)",
				quote(e.name), e.begin, e.end, quote(prev.name), prev.begin, prev.end)
		case e.begin > pos:
			return fmt.Errorf("bytes %d to %d of the data belong to no tensor (the next is %s)", pos, e.begin, quote(e.name))
		}
		pos = e.end
	}
	if pos != size {
		return fmt.Errorf("the last %d bytes of the data belong to no tensor", size-pos)
	}
	return nil
}

// byteSize is the bytes a tensor of that shape holds; ok is false when the
// product overflows 64 bits.
func byteSize(d DType, shape []int) (n uint64, ok bool) {
	n = uint64(d.Size())
	for _, dim := range shape {
		hi, lo := bits.Mul64(n, uint64(dim))
		if hi != 0 {
			return 0, false
		}
		n = lo
	}
	return n, true
}

// decode converts little-endian F32 or F64 bytes to float64.
func decode(d DType, b []byte) []float64 {
	x := make([]float64, len(b)/d.Size())
	for i := range x {
		if d == F32 {
			x[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b[4*i:])))
		} else {
			x[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return x
}

func errorf(format string, args ...any) error {
	return fmt.Errorf("safetensors: "+format, args...)
}

// quote quotes a name from the file for an error message, shortened so a
// hostile file cannot make the message huge.
func quote(s string) string { return fmt.Sprintf("%q", truncate(s)) }
