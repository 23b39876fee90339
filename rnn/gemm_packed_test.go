package rnn

import (
	"fmt"
	"testing"

	"gonum.org/v1/gonum/blas"
)

// TestPackedBMatchesDgemm: a product against a packed operand is Dgemm's,
// bit for bit, for both packings, one row (a single sequence) and more.
func TestPackedBMatchesDgemm(t *testing.T) {
	for _, tB := range []blas.Transpose{blas.NoTrans, blas.Trans} {
		for _, sz := range [][3]int{{1, 20, 20}, {2, 9, 5}, {3, 80, 20}, {16, 50, 13}, {5, 7, 1}} {
			for _, beta := range []float64{0, 1, 0.5} {
				m, n, k := sz[0], sz[1], sz[2]
				t.Run(fmt.Sprintf("N%s/%dx%dx%d/beta=%g", trans(tB), m, n, k, beta), func(t *testing.T) {
					a, lda := paddedOperand(blas.NoTrans, m, k, 2, 1)
					b, ldb := paddedOperand(tB, k, n, 1, 2)
					ldc := n + 1
					want := randSlice(m*ldc, 3)
					got := append([]float64(nil), want...)
					impl.Dgemm(blas.NoTrans, tB, m, n, k, 0.75, a, lda, b, ldb, beta, want, ldc)
					var p packedB
					if tB == blas.Trans {
						p.packT(n, k, b, ldb)
					} else {
						p.packN(k, n, b, ldb)
					}
					p.mul(m, 0.75, a, lda, beta, got, ldc)
					for i := range got {
						if got[i] != want[i] {
							t.Fatalf("C[%d] = %.17g, Dgemm %.17g", i, got[i], want[i])
						}
					}
				})
			}
		}
	}
}

// TestPackedBRepacksNewWeights: after the weights change (an optimiser
// step), packing them again gives products with the new values.
func TestPackedBRepacksNewWeights(t *testing.T) {
	const m, n, k = 16, 12, 8
	a, _ := paddedOperand(blas.NoTrans, m, k, 0, 1)
	w, _ := paddedOperand(blas.Trans, k, n, 0, 2) // (n, k)
	var p packedB
	got, want := make([]float64, m*n), make([]float64, m*n)
	for step := range 2 {
		p.packT(n, k, w, k)
		p.mul(m, 1, a, k, 0, got, n)
		impl.Dgemm(blas.NoTrans, blas.Trans, m, n, k, 1, a, k, w, k, 0, want, n)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("step %d: C[%d] = %g, Dgemm %g", step, i, got[i], want[i])
			}
		}
		for i := range w {
			w[i] *= -2
		}
	}
}
