package rnn

import "gonum.org/v1/gonum/blas"

// packedB is the right-hand operand of many products, packed once: the
// recurrent weights W_hh, the same at every time step of a sequence, which
// Dgemm would otherwise pack again for each step (T times per pass).
// Packing waits for the first product with enough rows to pay for it; a
// single sequence (m = 1) reads B in place, as Dgemm does.
type packedB struct {
	panels
	b      []float64 // B as given, with its transpose and leading dimension
	tB     blas.Transpose
	ldb    int
	packed bool
}

// packT takes op(B) = Bᵀ for B (n, k), as in C = A·Bᵀ (h·W_hhᵀ). B must
// not change while its products run.
func (q *packedB) packT(n, k int, b []float64, ldb int) { q.set(blas.Trans, n, k, b, ldb) }

// packN takes op(B) = B for B (k, n), as in C = A·B (δ·W_hh).
func (q *packedB) packN(k, n int, b []float64, ldb int) { q.set(blas.NoTrans, n, k, b, ldb) }

func (q *packedB) set(tB blas.Transpose, n, k int, b []float64, ldb int) {
	q.n, q.k, q.b, q.tB, q.ldb, q.packed = n, k, b, tB, ldb, false
}

// mul sets C = alpha·A·op(B) + beta·C for A (m, k) and C (m, n): the same
// sums in the same order as Dgemm.
func (q *packedB) mul(m int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	if m < packMinRows || q.n == 0 || q.k == 0 {
		impl.Dgemm(blas.NoTrans, q.tB, m, q.n, q.k, alpha, a, lda, q.b, q.ldb, beta, c, ldc)
		return
	}
	if !q.packed {
		q.resize(q.n, q.k)
		if q.tB == blas.Trans {
			q.packRows(q.b, q.ldb)
		} else {
			q.packCols(q.b, q.ldb)
		}
		q.packed = true
	}
	scale(m, q.n, beta, c, ldc)
	if alpha != 0 {
		q.mulRows(m, alpha, a, lda, c, ldc)
	}
}
