package rnn

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// TestDgemmMatchesGonum checks our kernels against gonum's Dgemm for every
// transpose case, at sizes that exercise the blocks of 1, 2 and 3 rows ×
// 4 columns and every remainder (m not a multiple of the block, n not a
// multiple of 4, k = 1, k = 0), packed (see packs) and not, with
// padded leading dimensions, beta 0, 1 and otherwise, and alpha ≠ 1.
func TestDgemmMatchesGonum(t *testing.T) {
	defer func(r int) { rowBlock = r }(rowBlock)
	for _, rows := range []int{1, 2, 3} {
		rowBlock = rows
		t.Run(fmt.Sprintf("rowBlock=%d", rows), testDgemmMatchesGonum)
	}
}

func testDgemmMatchesGonum(t *testing.T) {
	sizes := [][3]int{ // m, n, k
		{1, 1, 1}, {1, 4, 3}, {2, 4, 1}, {2, 5, 2}, {3, 3, 3}, {3, 7, 5},
		{4, 8, 8}, {3, 5, 0}, {5, 9, 13}, {6, 6, 6}, {9, 37, 64}, {20, 41, 30}, {3, 6, 100}, {7, 1, 6}, {16, 33, 17}, {17, 12, 64}, {9, 50, 130},
	}
	transposes := []blas.Transpose{blas.NoTrans, blas.Trans}
	for _, tA := range transposes {
		for _, tB := range transposes {
			for _, sz := range sizes {
				for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 1}, {2.5, 0.3}, {0, 0.5}} {
					m, n, k := sz[0], sz[1], sz[2]
					alpha, beta := ab[0], ab[1]
					name := fmt.Sprintf("%s%s/%dx%dx%d/alpha=%g/beta=%g", trans(tA), trans(tB), m, n, k, alpha, beta)
					t.Run(name, func(t *testing.T) {
						a, lda := paddedOperand(tA, m, k, 3, 1)
						b, ldb := paddedOperand(tB, k, n, 1, 2)
						ldc := n + 2
						want := randSlice(m*ldc, 3)
						got := append([]float64(nil), want...)
						gonum.Implementation{}.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
						impl.Dgemm(tA, tB, m, n, k, alpha, a, lda, b, ldb, beta, got, ldc)
						for i := range got {
							if !nearlyEqual(got[i], want[i]) {
								t.Fatalf("C[%d,%d] = %.17g, gonum %.17g", i/ldc, i%ldc, got[i], want[i])
							}
						}
					})
				}
			}
		}
	}
}

// TestDgemmBetaZeroClearsNaN: with beta = 0, C is overwritten, not scaled,
// so stale NaNs in a reused buffer do not survive (the BLAS convention).
func TestDgemmBetaZeroClearsNaN(t *testing.T) {
	for _, tr := range [][2]blas.Transpose{{blas.NoTrans, blas.NoTrans}, {blas.NoTrans, blas.Trans}, {blas.Trans, blas.NoTrans}} {
		a, lda := paddedOperand(tr[0], 3, 5, 0, 4)
		b, ldb := paddedOperand(tr[1], 5, 6, 0, 5)
		c := make([]float64, 3*6)
		for i := range c {
			c[i] = math.NaN()
		}
		impl.Dgemm(tr[0], tr[1], 3, 6, 5, 1, a, lda, b, ldb, 0, c, 6)
		for i, v := range c {
			if math.IsNaN(v) {
				t.Fatalf("%s%s: C[%d] is NaN after beta = 0", trans(tr[0]), trans(tr[1]), i)
			}
		}
	}
}

// TestDgemmLeavesPaddingAlone: only the m×n block of C is written, never
// the padding between rows of a larger leading dimension.
func TestDgemmLeavesPaddingAlone(t *testing.T) {
	const m, n, k, ldc = 5, 7, 9, 10
	for _, tr := range [][2]blas.Transpose{{blas.NoTrans, blas.NoTrans}, {blas.NoTrans, blas.Trans}, {blas.Trans, blas.NoTrans}} {
		a, lda := paddedOperand(tr[0], m, k, 1, 6)
		b, ldb := paddedOperand(tr[1], k, n, 1, 7)
		c := make([]float64, (m-1)*ldc+n)
		for i := range c {
			c[i] = -7
		}
		impl.Dgemm(tr[0], tr[1], m, n, k, 1, a, lda, b, ldb, 0.5, c, ldc)
		for i, v := range c {
			if i%ldc >= n && v != -7 {
				t.Fatalf("%s%s: padding C[%d] changed to %g", trans(tr[0]), trans(tr[1]), i, v)
			}
		}
	}
}

// nearlyEqual is a relative tolerance of a few roundings: our kernels and gonum's
// sum in different orders.
func nearlyEqual(got, want float64) bool {
	return math.Abs(got-want) <= 1e-12*math.Max(1, math.Abs(want))
}

// paddedOperand is an op(X) = (r, c) operand stored with pad extra
// columns per row, as a layer reading a slice of a wider buffer would.
func paddedOperand(t blas.Transpose, r, c, pad int, seed uint64) ([]float64, int) {
	if t == blas.Trans {
		r, c = c, r
	}
	ld := c + pad
	return randSlice(max(0, (r-1)*ld+c), seed), ld
}

func randSlice(n int, seed uint64) []float64 {
	s, _ := randMatrix(blas.NoTrans, 1, n, seed)
	return s
}
