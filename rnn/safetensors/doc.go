// Package safetensors reads and writes the safetensors format, strictly.
//
// A safetensors file is
//
//	8 bytes   N, the header length, a little-endian uint64
//	N bytes   the header: a JSON object, padded at the end with spaces
//	the rest  the data buffer: every tensor's bytes, little-endian, row-major
//
// The header maps each tensor name to {"dtype", "shape", "data_offsets"},
// where data_offsets [begin, end) are byte offsets into the data buffer; the
// optional key "__metadata__" maps strings to strings.
//
// This package holds float tensors only (F32 and F64, read into float64) and
// refuses anything it cannot vouch for, with an error that says what is
// wrong: a file shorter than its header, a header over MaxHeaderSize, JSON
// that is invalid or repeats a key, an unknown dtype, a shape whose size
// disagrees with its offsets, offsets out of range, overlapping, leaving a
// gap, or leaving bytes unused at the end. Nothing is allocated from a size
// the file claims before that size has been checked against the bytes the
// file really has, so a lying header cannot exhaust memory.
//
// ReadHeader checks a file as Read does without decoding its values, so a
// caller can refuse a file for its shapes first.
//
// Why not github.com/nlpodyssey/safetensors: checked against the cases
// above, it accepts a header that repeats a tensor name (its JSON decoding
// keeps the last), and its errors do not say which tensor or which bytes
// are wrong ("metadata incomplete buffer").
//
// The format is described at https://github.com/huggingface/safetensors.
package safetensors
