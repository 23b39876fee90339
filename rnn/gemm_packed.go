package rnn

// packedB is the right-hand operand of many products packed once: the
// recurrent weights W_hh, the same at every time step of a sequence, which
// Dgemm would otherwise pack again for each step (T times per pass).
type packedB struct{ panels }

// packT packs op(B) = Bᵀ for B (n, k), as in C = A·Bᵀ (h·W_hhᵀ).
func (q *packedB) packT(n, k int, b []float64, ldb int) {
	q.resize(n, k)
	q.packRows(b, ldb)
}

// packN packs op(B) = B for B (k, n), as in C = A·B (δ·W_hh).
func (q *packedB) packN(k, n int, b []float64, ldb int) {
	q.resize(n, k)
	q.packCols(b, ldb)
}

// mul sets C = alpha·A·op(B) + beta·C for A (m, k) and C (m, n), the same
// sums in the same order as Dgemm.
func (q *packedB) mul(m int, alpha float64, a []float64, lda int, beta float64, c []float64, ldc int) {
	if m == 0 || q.n == 0 {
		return
	}
	scale(m, q.n, beta, c, ldc)
	if q.k == 0 || alpha == 0 {
		return
	}
	q.mulRows(m, alpha, a, lda, c, ldc)
}
