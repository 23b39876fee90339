package rnn

import (
	"fmt"
	"math"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// sumInOrder is the kernels' contract written as plainly as it can be:
// C = beta·C (beta = 0 clears), then each element gets alpha times one sum
// over p in increasing order, started at 0. Every kernel must give its bits.
func sumInOrder(tA, tB blas.Transpose, m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	scale(m, n, beta, c, ldc)
	if k == 0 || alpha == 0 {
		return
	}
	for i := range m {
		for j := range n {
			var s float64
			for p := range k {
				ai, bi := i*lda+p, j*ldb+p // A (m, k), B (n, k)
				if tA == blas.Trans {
					ai = p*lda + i // A (k, m)
				}
				if tB == blas.NoTrans {
					bi = p*ldb + j // B (k, n)
				}
				s += a[ai] * b[bi]
			}
			c[i*ldc+j] += alpha * s
		}
	}
}

// TestSmallProductsSumInOrder: the direct kernels of small products (every
// shape here is too small to pack) and the packed kernels of larger ones
// give sumInOrder's results bit for bit, for every transpose the layers
// use, odd and even m, n and k around the blocks of 2 (3) rows × 4 columns
// and the unrolled pairs of p, padded leading dimensions, and alpha and
// beta (beta = 0 included), under every row block.
func TestSmallProductsSumInOrder(t *testing.T) {
	defer func(r int) { rowBlock = r }(rowBlock)
	small := [][3]int{ // m, n, k
		{1, 1, 1}, {1, 4, 2}, {1, 80, 20}, {1, 20, 80}, {1, 7, 3}, {2, 4, 1}, {2, 9, 5}, {3, 3, 3},
		{3, 80, 5}, {7, 80, 5}, {7, 9, 20}, {7, 20, 9}, {7, 5, 80}, {9, 20, 7}, {80, 5, 7}, {80, 20, 6},
		{5, 13, 17}, {6, 6, 0}, {1, 1024, 256}, {3, 50, 100},
	}
	large := [][3]int{{16, 80, 20}, {17, 33, 35}, {64, 49, 32}, {5, 129, 31}}
	for _, rows := range []int{1, 2, 3} {
		rowBlock = rows
		for _, tr := range [][2]blas.Transpose{{blas.NoTrans, blas.Trans}, {blas.NoTrans, blas.NoTrans}, {blas.Trans, blas.NoTrans}} {
			for _, sz := range append(append([][3]int{}, small...), large...) {
				m, n, k := sz[0], sz[1], sz[2]
				if isSmall := containsShape(small, sz); isSmall == packs(m, n, k) {
					t.Fatalf("%dx%dx%d: packs is %v, the table says small %v", m, n, k, packs(m, n, k), isSmall)
				}
				for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 1}, {2.5, 0.3}, {0, 0.5}} {
					alpha, beta := ab[0], ab[1]
					name := fmt.Sprintf("rowBlock=%d/%s%s/%dx%dx%d/alpha=%g/beta=%g", rows, trans(tr[0]), trans(tr[1]), m, n, k, alpha, beta)
					t.Run(name, func(t *testing.T) {
						a, lda := paddedOperand(tr[0], m, k, 3, 1)
						b, ldb := paddedOperand(tr[1], k, n, 1, 2)
						ldc := n + 2
						want := randSlice(m*ldc, 3)
						got := append([]float64(nil), want...)
						sumInOrder(tr[0], tr[1], m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
						impl.Dgemm(tr[0], tr[1], m, n, k, alpha, a, lda, b, ldb, beta, got, ldc)
						for i := range got {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("C[%d,%d] = %.17g, the in-order sum %.17g", i/ldc, i%ldc, got[i], want[i])
							}
						}
					})
				}
			}
		}
	}
}

func containsShape(shapes [][3]int, s [3]int) bool {
	for _, x := range shapes {
		if x == s {
			return true
		}
	}
	return false
}
