package rnn

import (
	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// kernels is gonum's BLAS with Dgemm replaced by loops written for Go's
// compilers, wasm included: gonum's fast Dgemm paths are amd64 assembly,
// which the wasm build lacks, and it spawns goroutines that allocate. Every
// matrix product in the model goes through blas.Dgemm, so the layers read
// like BLAS calls and this one type decides how fast they run.
type kernels struct{ gonum.Implementation }

// impl is the BLAS the layers call.
var impl kernels

// Dgemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, as
// gonum's Dgemm does, for the transposes the layers use (NN, NT, TN).
func (k kernels) Dgemm(tA, tB blas.Transpose, m, n, kk int, alpha float64, a []float64, lda int, b []float64, ldb int, beta float64, c []float64, ldc int) {
	if tA == blas.Trans && tB == blas.Trans || m == 0 || n == 0 {
		k.Implementation.Dgemm(tA, tB, m, n, kk, alpha, a, lda, b, ldb, beta, c, ldc)
		return
	}
	scale(m, n, beta, c, ldc)
	if kk == 0 || alpha == 0 {
		return
	}
	switch {
	case tA == blas.NoTrans && tB == blas.Trans:
		gemmNT(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
	case tA == blas.NoTrans && tB == blas.NoTrans:
		gemmNN(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
	default:
		gemmTN(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
	}
}

// scale sets C = beta·C; beta = 0 clears C even where it holds NaN, as BLAS does.
func scale(m, n int, beta float64, c []float64, ldc int) {
	if beta == 1 {
		return
	}
	for i := 0; i < m; i++ {
		row := c[i*ldc : i*ldc+n]
		if beta == 0 {
			clear(row)
			continue
		}
		for j := range row {
			row[j] *= beta
		}
	}
}

// gemmNT adds alpha·A·Bᵀ to C: A (m, k), B (n, k), C (m, n). Every element
// is a dot product of two contiguous rows; the kernel takes 2 rows of A
// against 4 rows of B per pass, so each load feeds several multiply-adds.
func gemmNT(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	i := 0
	for ; i+2 <= m; i += 2 {
		a0 := a[i*lda : i*lda+k]
		a1 := a[(i+1)*lda : (i+1)*lda+k]
		c0 := c[i*ldc : i*ldc+n]
		c1 := c[(i+1)*ldc : (i+1)*ldc+n]
		j := 0
		for ; j+4 <= n; j += 4 {
			b0 := b[j*ldb : j*ldb+k]
			b1 := b[(j+1)*ldb : (j+1)*ldb+k]
			b2 := b[(j+2)*ldb : (j+2)*ldb+k]
			b3 := b[(j+3)*ldb : (j+3)*ldb+k]
			var s00, s01, s02, s03, s10, s11, s12, s13 float64
			for p, x0 := range a0 {
				x1 := a1[p]
				y0, y1, y2, y3 := b0[p], b1[p], b2[p], b3[p]
				s00 += x0 * y0
				s01 += x0 * y1
				s02 += x0 * y2
				s03 += x0 * y3
				s10 += x1 * y0
				s11 += x1 * y1
				s12 += x1 * y2
				s13 += x1 * y3
			}
			c0[j] += alpha * s00
			c0[j+1] += alpha * s01
			c0[j+2] += alpha * s02
			c0[j+3] += alpha * s03
			c1[j] += alpha * s10
			c1[j+1] += alpha * s11
			c1[j+2] += alpha * s12
			c1[j+3] += alpha * s13
		}
		for ; j < n; j++ {
			bj := b[j*ldb : j*ldb+k]
			c0[j] += alpha * dot(a0, bj)
			c1[j] += alpha * dot(a1, bj)
		}
	}
	for ; i < m; i++ {
		ai := a[i*lda : i*lda+k]
		ci := c[i*ldc : i*ldc+n]
		for j := range ci {
			ci[j] += alpha * dot(ai, b[j*ldb:j*ldb+k])
		}
	}
}

// gemmNN adds alpha·A·B to C: A (m, k), B (k, n), C (m, n), as rows of C
// accumulating scaled rows of B.
func gemmNN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for i := 0; i < m; i++ {
		ci := c[i*ldc : i*ldc+n]
		ai := a[i*lda : i*lda+k]
		p := 0
		for ; p+4 <= k; p += 4 {
			x0, x1, x2, x3 := alpha*ai[p], alpha*ai[p+1], alpha*ai[p+2], alpha*ai[p+3]
			b0 := b[p*ldb : p*ldb+n]
			b1 := b[(p+1)*ldb : (p+1)*ldb+n]
			b2 := b[(p+2)*ldb : (p+2)*ldb+n]
			b3 := b[(p+3)*ldb : (p+3)*ldb+n]
			for j := range ci {
				ci[j] += x0*b0[j] + x1*b1[j] + x2*b2[j] + x3*b3[j]
			}
		}
		for ; p < k; p++ {
			axpy(alpha*ai[p], b[p*ldb:p*ldb+n], ci)
		}
	}
}

// gemmTN adds alpha·Aᵀ·B to C: A (k, m), B (k, n), C (m, n): a sum of k
// outer products, the shape of every weight gradient (dW += dYᵀ·X).
func gemmTN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	p := 0
	for ; p+2 <= k; p += 2 {
		a0 := a[p*lda : p*lda+m]
		a1 := a[(p+1)*lda : (p+1)*lda+m]
		b0 := b[p*ldb : p*ldb+n]
		b1 := b[(p+1)*ldb : (p+1)*ldb+n]
		for i, x0 := range a0 {
			x0, x1 := alpha*x0, alpha*a1[i]
			if x0 == 0 && x1 == 0 {
				continue
			}
			ci := c[i*ldc : i*ldc+n]
			for j := range ci {
				ci[j] += x0*b0[j] + x1*b1[j]
			}
		}
	}
	for ; p < k; p++ {
		ap := a[p*lda : p*lda+m]
		bp := b[p*ldb : p*ldb+n]
		for i, x := range ap {
			if x != 0 {
				axpy(alpha*x, bp, c[i*ldc:i*ldc+n])
			}
		}
	}
}

func dot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for i, v := range x {
		s += v * y[i]
	}
	return s
}

// axpy adds alpha·x to y.
func axpy(alpha float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}
