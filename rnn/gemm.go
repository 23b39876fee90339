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
//
// All three products the layers use (NT, NN, TN) are cut into blocks of
// 2 rows × 4 columns of C, each summed in 8 local variables over the inner
// dimension: wasm has no SIMD and x86 has 16 float registers, so 8
// accumulators, 2 values of A and one of B at a time fit without spilling,
// and each load feeds 2 or 4 multiply-adds. The inner loops are free of
// bounds checks (go build -gcflags=-d=ssa/check_bce/debug=1 ./rnn lists
// none in them). Every element of C is one sum over p in increasing order
// (in chunks of tnChunk for TN), whatever the shapes: results are the same
// on every run and every platform.
type kernels struct{ gonum.Implementation }

// impl is the BLAS the layers call.
var impl kernels

// Dgemm computes C = alpha·op(A)·op(B) + beta·C for row-major matrices, as
// gonum's Dgemm does, for the transposes the layers use (NN, NT, TN); TT
// goes to gonum.
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
		row := c[i*ldc:][:n]
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
// is a dot product of two contiguous rows.
func gemmNT(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for i := 0; i < m; i += 2 {
		a0, c0 := a[i*lda:][:k], c[i*ldc:][:n]
		if i+1 == m { // the last row of an odd m
			j := 0
			for ; j+4 <= n; j += 4 {
				s0, s1, s2, s3 := dot1x4(a0, b[j*ldb:][:k], b[(j+1)*ldb:][:k], b[(j+2)*ldb:][:k], b[(j+3)*ldb:][:k])
				add1x4(c0[j:], alpha, s0, s1, s2, s3)
			}
			for ; j < n; j++ {
				c0[j] += alpha * dot(a0, b[j*ldb:][:k])
			}
			return
		}
		a1, c1 := a[(i+1)*lda:][:k], c[(i+1)*ldc:][:n]
		j := 0
		for ; j+4 <= n; j += 4 {
			s00, s01, s02, s03, s10, s11, s12, s13 := dot2x4(a0, a1, b[j*ldb:][:k], b[(j+1)*ldb:][:k], b[(j+2)*ldb:][:k], b[(j+3)*ldb:][:k])
			add1x4(c0[j:], alpha, s00, s01, s02, s03)
			add1x4(c1[j:], alpha, s10, s11, s12, s13)
		}
		for ; j < n; j++ {
			bj := b[j*ldb:][:k]
			c0[j] += alpha * dot(a0, bj)
			c1[j] += alpha * dot(a1, bj)
		}
	}
}

// gemmNN adds alpha·A·B to C: A (m, k), B (k, n), C (m, n). Rows of A are
// contiguous; B is read 4 columns at a time down its rows.
func gemmNN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	for i := 0; i < m; i += 2 {
		a0, c0 := a[i*lda:][:k], c[i*ldc:][:n]
		if i+1 == m {
			rowTimesStrided(c0, alpha, a0, b, ldb)
			return
		}
		a1, c1 := a[(i+1)*lda:][:k], c[(i+1)*ldc:][:n]
		rowsTimesStrided(c0, c1, alpha, a0, a1, b, ldb)
	}
}

// tnChunk is how many rows of A and B gemmTN gathers at a time: 2 columns
// of A, tnChunk long, on the stack (8 KB).
const tnChunk = 512

// gemmTN adds alpha·Aᵀ·B to C: A (k, m), B (k, n), C (m, n), the shape of
// every weight gradient (dW += dYᵀ·X, summed over time and batch). Two
// columns of A are gathered into contiguous vectors, then multiplied like
// rows in gemmNN.
func gemmTN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	var buf [2 * tnChunk]float64
	for p0 := 0; p0 < k; p0 += tnChunk {
		kc := min(tnChunk, k-p0)
		ap, bp := a[p0*lda:], b[p0*ldb:]
		a0, a1 := buf[:kc], buf[tnChunk:][:kc]
		for i := 0; i < m; i += 2 {
			c0 := c[i*ldc:][:n]
			if i+1 == m {
				for p := range a0 {
					a0[p] = ap[p*lda+i]
				}
				rowTimesStrided(c0, alpha, a0, bp, ldb)
				break
			}
			for p := range a0 {
				col := ap[p*lda+i:][:2:2]
				a0[p], a1[p] = col[0], col[1]
			}
			rowsTimesStrided(c0, c[(i+1)*ldc:][:n], alpha, a0, a1, bp, ldb)
		}
	}
}

// rowsTimesStrided adds alpha·[a0; a1]·B to the rows c0, c1: a0, a1 of
// length k, B (k, len(c0)) with leading dimension ldb.
func rowsTimesStrided(c0, c1 []float64, alpha float64, a0, a1, b []float64, ldb int) {
	n := len(c0)
	c1 = c1[:n]
	j := 0
	for ; j+4 <= n; j += 4 {
		s00, s01, s02, s03, s10, s11, s12, s13 := strided2x4(a0, a1, b[j:], ldb)
		add1x4(c0[j:], alpha, s00, s01, s02, s03)
		add1x4(c1[j:], alpha, s10, s11, s12, s13)
	}
	for ; j < n; j++ {
		var s0, s1 float64
		a1 := a1[:len(a0)]
		for p, x0 := range a0 {
			y := b[p*ldb+j]
			s0 += x0 * y
			s1 += a1[p] * y
		}
		c0[j] += alpha * s0
		c1[j] += alpha * s1
	}
}

// rowTimesStrided adds alpha·a0·B to the row c0.
func rowTimesStrided(c0 []float64, alpha float64, a0, b []float64, ldb int) {
	n := len(c0)
	j := 0
	for ; j+4 <= n; j += 4 {
		var s0, s1, s2, s3 float64
		for p, x := range a0 {
			o := p*ldb + j
			bp := b[o : o+4 : o+4]
			s0 += x * bp[0]
			s1 += x * bp[1]
			s2 += x * bp[2]
			s3 += x * bp[3]
		}
		add1x4(c0[j:], alpha, s0, s1, s2, s3)
	}
	for ; j < n; j++ {
		var s float64
		for p, x := range a0 {
			s += x * b[p*ldb+j]
		}
		c0[j] += alpha * s
	}
}

// dot2x4 returns the 8 dot products of a0, a1 with b0…b3, all of one length.
func dot2x4(a0, a1, b0, b1, b2, b3 []float64) (s00, s01, s02, s03, s10, s11, s12, s13 float64) {
	a1, b0, b1, b2, b3 = a1[:len(a0)], b0[:len(a0)], b1[:len(a0)], b2[:len(a0)], b3[:len(a0)]
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
	return
}

// dot1x4 returns the dot products of a0 with b0…b3.
func dot1x4(a0, b0, b1, b2, b3 []float64) (s0, s1, s2, s3 float64) {
	b0, b1, b2, b3 = b0[:len(a0)], b1[:len(a0)], b2[:len(a0)], b3[:len(a0)]
	for p, x := range a0 {
		s0 += x * b0[p]
		s1 += x * b1[p]
		s2 += x * b2[p]
		s3 += x * b3[p]
	}
	return
}

// strided2x4 returns the 8 sums Σ_p a_r[p]·B[p][c] for rows r = 0, 1 and
// columns c = 0…3 of B, whose row p starts at b[p·ldb].
func strided2x4(a0, a1, b []float64, ldb int) (s00, s01, s02, s03, s10, s11, s12, s13 float64) {
	a1 = a1[:len(a0)]
	for p, x0 := range a0 {
		x1 := a1[p]
		o := p * ldb
		bp := b[o : o+4 : o+4]
		y0, y1, y2, y3 := bp[0], bp[1], bp[2], bp[3]
		s00 += x0 * y0
		s01 += x0 * y1
		s02 += x0 * y2
		s03 += x0 * y3
		s10 += x1 * y0
		s11 += x1 * y1
		s12 += x1 * y2
		s13 += x1 * y3
	}
	return
}

// add1x4 adds alpha·(s0, s1, s2, s3) to c[0:4].
func add1x4(c []float64, alpha, s0, s1, s2, s3 float64) {
	c = c[:4]
	c[0] += alpha * s0
	c[1] += alpha * s1
	c[2] += alpha * s2
	c[3] += alpha * s3
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
