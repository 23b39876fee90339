package torchrand

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"testing"
)

// fixture is testdata/torch_rng.json, written by gen_torch_rng.py with
// python3-torch.
type fixture struct {
	TorchVersion string `json:"torch_version"`
	Engine       []struct {
		Seed     string `json:"seed"`
		N        int    `json:"n"`
		SHA256   string `json:"sha256"`
		Head     string `json:"head"`
		Every997 string `json:"every_997th"`
	} `json:"engine"`
	Fills []struct {
		Seed string `json:"seed"`
		fill
	} `json:"fills"`
	Sequences []struct {
		Seed  string `json:"seed"`
		Steps []fill `json:"steps"`
	} `json:"sequences"`
	ScalarDouble []struct {
		Seed   string   `json:"seed"`
		Values []string `json:"values"`
	} `json:"scalar_double"`
	ScalarFloat32 []struct {
		Seed    string `json:"seed"`
		Tensors int    `json:"tensors"`
		SHA256  string `json:"sha256"`
	} `json:"scalar_float32"`
	Bounds []struct {
		FanIn     int    `json:"fan_in"`
		Kaiming   string `json:"kaiming"`
		Bias      string `json:"bias"`
		Recurrent string `json:"recurrent"`
	} `json:"bounds"`
}

// fill is one tensor.uniform_(a, b) or tensor.normal_(a, b) of N float32.
type fill struct {
	Op     string  `json:"op"`
	A      float64 `json:"a"`
	B      float64 `json:"b"`
	N      int     `json:"n"`
	Bits   string  `json:"bits"`   // all values, or the first ones if SHA256 is set
	SHA256 string  `json:"sha256"` // of all values, little-endian
}

func loadFixture(t *testing.T) *fixture {
	t.Helper()
	raw, err := os.ReadFile("testdata/torch_rng.json")
	if err != nil {
		t.Fatal(err)
	}
	var f fixture
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	return &f
}

func seedOf(t *testing.T, s string) uint64 {
	t.Helper()
	v, err := strconv.ParseUint(s, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// words decodes a string of 8-hex-digit words.
func words(t *testing.T, s string) []uint32 {
	t.Helper()
	if len(s)%8 != 0 {
		t.Fatalf("hex words: length %d", len(s))
	}
	w := make([]uint32, len(s)/8)
	for i := range w {
		v, err := strconv.ParseUint(s[8*i:8*i+8], 16, 32)
		if err != nil {
			t.Fatal(err)
		}
		w[i] = uint32(v)
	}
	return w
}

func sha256LE(w []uint32) string {
	b := make([]byte, 4*len(w))
	for i, v := range w {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func TestEngineFirst10000(t *testing.T) {
	for _, c := range loadFixture(t).Engine {
		g := New(seedOf(t, c.Seed))
		got := make([]uint32, c.N)
		for i := range got {
			got[i] = g.Uint32()
		}
		for i, want := range words(t, c.Head) {
			if got[i] != want {
				t.Fatalf("seed %s: output %d = %08x, want %08x", c.Seed, i, got[i], want)
			}
		}
		for k, want := range words(t, c.Every997) {
			if got[997*k] != want {
				t.Fatalf("seed %s: output %d = %08x, want %08x", c.Seed, 997*k, got[997*k], want)
			}
		}
		if h := sha256LE(got); h != c.SHA256 {
			t.Errorf("seed %s: sha256 of %d outputs %s, want %s", c.Seed, c.N, h, c.SHA256)
		}
	}
}

func TestUint64IsTwoDraws(t *testing.T) {
	a, b := New(70), New(70)
	for range 1000 {
		hi, lo := a.Uint32(), a.Uint32()
		if got, want := b.Uint64(), uint64(hi)<<32|uint64(lo); got != want {
			t.Fatalf("Uint64 = %016x, want %016x", got, want)
		}
	}
}

// run applies one fill to g.
func (f fill) run(g *Generator) []float32 {
	dst := make([]float32, f.N)
	switch f.Op {
	case "uniform":
		g.Uniform(dst, f.A, f.B)
	case "normal":
		g.Normal(dst, f.A, f.B)
	}
	return dst
}

// check compares every value of got with the fixture, bit for bit.
func (f fill) check(t *testing.T, name string, got []float32) {
	t.Helper()
	bits := make([]uint32, len(got))
	for i, v := range got {
		bits[i] = math.Float32bits(v)
	}
	for i, want := range words(t, f.Bits) {
		if bits[i] != want {
			t.Errorf("%s: [%d] = %v (%08x), want %v (%08x)", name, i,
				got[i], bits[i], math.Float32frombits(want), want)
			return
		}
	}
	if f.SHA256 != "" && sha256LE(bits) != f.SHA256 {
		t.Errorf("%s: sha256 differs (first %d values equal)", name, len(f.Bits)/8)
	}
}

func TestFillsMatchPyTorch(t *testing.T) {
	for _, c := range loadFixture(t).Fills {
		name := fmt.Sprintf("seed %s: %s_(%g, %g) of %d", c.Seed, c.Op, c.A, c.B, c.N)
		c.check(t, name, c.run(New(seedOf(t, c.Seed))))
	}
}

func TestSequencesMatchPyTorch(t *testing.T) {
	for _, c := range loadFixture(t).Sequences {
		g := New(seedOf(t, c.Seed))
		for i, s := range c.Steps {
			name := fmt.Sprintf("seed %s step %d: %s_(%g, %g) of %d", c.Seed, i, s.Op, s.A, s.B, s.N)
			s.check(t, name, s.run(g))
		}
	}
}

// TestScalarNormalFloat64 checks the scalar Box–Muller path (tensors below
// 16 elements) at full float64 precision, where it goes through libm's log,
// sin and cos: Go's math package and glibc may differ in the last bits of
// those, so float64 results are allowed 4 ulps. Rounded to float32, as
// normal_ stores them, a difference that small changes the float32 result
// with probability about 2⁻²⁷; TestFillsMatchPyTorch checks every float32
// tensor of 1 to 15 elements bit for bit.
func TestScalarNormalFloat64(t *testing.T) {
	const maxULP = 4
	for _, c := range loadFixture(t).ScalarDouble {
		g := New(seedOf(t, c.Seed))
		n := len(c.Values) - 7
		for i, h := range c.Values {
			want, err := strconv.ParseFloat(h, 64)
			if err != nil {
				t.Fatal(err)
			}
			mean, std := 0.0, 1.0
			if i >= n {
				mean, std = 0.5, 2.0
			}
			got := g.normalScalar(mean, std)
			if d := ulpDiff(got, want); d > maxULP {
				t.Errorf("seed %s value %d: %x, want %x (%d ulps apart)", c.Seed, i, got, want, d)
			}
		}
	}
}

// TestScalarNormalFloat32 draws 4000 float32 tensors of 1 to 15 elements
// in a row (30,000 normals through the scalar path and its cache) and
// compares all of them with PyTorch's, bit for bit.
func TestScalarNormalFloat32(t *testing.T) {
	for _, c := range loadFixture(t).ScalarFloat32 {
		g := New(seedOf(t, c.Seed))
		var bits []uint32
		for i := range c.Tensors {
			x := make([]float32, 1+i%15)
			g.Normal(x, 0, 1)
			for _, v := range x {
				bits = append(bits, math.Float32bits(v))
			}
		}
		if sha256LE(bits) != c.SHA256 {
			t.Errorf("seed %s: %d scalar-path normals differ from PyTorch's", c.Seed, len(bits))
		}
	}
}

// ulpDiff is the number of float64 values between a and b (same sign).
func ulpDiff(a, b float64) int64 {
	d := int64(math.Float64bits(a)) - int64(math.Float64bits(b))
	if math.Signbit(a) != math.Signbit(b) {
		return math.MaxInt64
	}
	return max(d, -d)
}

func TestBounds(t *testing.T) {
	parse := func(s string) float64 {
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	for _, c := range loadFixture(t).Bounds {
		if got, want := KaimingUniformBound(c.FanIn), parse(c.Kaiming); got != want {
			t.Errorf("KaimingUniformBound(%d) = %x, want %x", c.FanIn, got, want)
		}
		if got, want := LinearBiasBound(c.FanIn), parse(c.Bias); got != want {
			t.Errorf("LinearBiasBound(%d) = %x, want %x", c.FanIn, got, want)
		}
		if got, want := RecurrentBound(c.FanIn), parse(c.Recurrent); got != want {
			t.Errorf("RecurrentBound(%d) = %x, want %x", c.FanIn, got, want)
		}
	}
}

func BenchmarkNormal(b *testing.B) {
	g := New(70)
	x := make([]float32, 1<<16)
	b.SetBytes(4 * int64(len(x)))
	for b.Loop() {
		g.Normal(x, 0, 1)
	}
}

func BenchmarkUniform(b *testing.B) {
	g := New(70)
	x := make([]float32, 1<<16)
	b.SetBytes(4 * int64(len(x)))
	for b.Loop() {
		g.Uniform(x, -0.2, 0.2)
	}
}
