package rnn

import (
	"sync"

	"gonum.org/v1/gonum/blas"
	"gonum.org/v1/gonum/blas/gonum"
)

// kernels is gonum's BLAS with Dgemm replaced by loops written for Go's
// compilers, wasm included: gonum's fast Dgemm paths are amd64 assembly,
// which the wasm build lacks, and it spawns goroutines that allocate. Every
// matrix product in the model goes through blas.Dgemm, so the layers read
// like BLAS calls and this one type decides how fast they run.
//
// All three products the layers use (NT, NN, TN) are computed in blocks of
// rowBlock rows × 4 columns of C (2 × 4 natively, 3 × 4 in wasm), each
// element summed in a local variable over the inner dimension: wasm has no
// SIMD and x86 has 16 float registers, so the accumulators, a value of A
// per row and one of B at a time fit, and each load feeds 2 to 4
// multiply-adds. Products large enough pack B first (see packMinRows); the
// others run the direct kernels of gemm_small.go. The packed kernels' inner
// loops are free of bounds checks (go build -gcflags=-d=ssa/check_bce/debug=1
// ./rnn lists none in them). Every element of C is one sum over p in
// increasing order, whatever the shapes and the blocking: results are the
// same on every run,
// and bit for bit the same natively (amd64 does not fuse multiply-adds)
// and in wasm.
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
	if !packs(m, n, kk) {
		switch {
		case tA == blas.NoTrans && tB == blas.Trans:
			directNT(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
		case tA == blas.NoTrans && tB == blas.NoTrans:
			directNN(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
		default:
			directTN(m, n, kk, alpha, a, lda, b, ldb, c, ldc)
		}
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

// Products with at least packMinRows rows of C first copy B into panels
// of 4 columns, each stored row by row (k, 4): the kernel then reads the 4
// values of B it needs for a step p at one address, which Go's wasm code
// generation turns into one address computation instead of four (measured
// in Node 20: 4.7 GFLOP/s instead of 4.0 for the same 2×4 kernel). Copying
// B costs 1/m of the multiply-adds, so the recurrent products of a single
// sequence (m = B = 1) read B in place, and so do products too small for
// the copy and the bookkeeping to pay (the notebook's: 5% of its step).
const (
	packMinRows = 4
	packMinWork = 1 << 14 // m·n·k
)

// packs reports whether a product of m rows and m·n·k multiply-adds packs B.
func packs(m, n, k int) bool { return m >= packMinRows && m*n*k >= packMinWork }

// panels holds B packed as ⌈n/4⌉ panels of (k, 4), the last one padded
// with zeros.
type panels struct {
	buf  []float64
	k, n int
}

// resize makes room for B (k, n), allocating only when the buffer is short.
func (p *panels) resize(n, k int) {
	size := (n + 3) / 4 * 4 * k
	if cap(p.buf) < size {
		p.buf = make([]float64, size)
	}
	p.buf, p.k, p.n = p.buf[:size], k, n
}

// scratch is where Dgemm packs B, and gathers the columns of A for TN.
type scratch struct{ b, a panels }

// shared are the scratches of whichever calls hold them, so that a
// training step allocates nothing once its largest product has run: one
// per model computing at the same time (a trainer and the goroutines of
// its shares, see LocalShards). A call that finds them all taken gets its
// own.
var shared [16]struct {
	sync.Mutex
	scratch
}

func acquireScratch() *scratch {
	for i := range shared {
		if shared[i].TryLock() {
			return &shared[i].scratch
		}
	}
	return new(scratch)
}

func releaseScratch(s *scratch) {
	for i := range shared {
		if s == &shared[i].scratch {
			shared[i].Unlock()
			return
		}
	}
}

// panel returns the (k, 4) panel of columns 4q…4q+3.
func (p *panels) panel(q int) []float64 { return p.buf[4*q*p.k:][:4*p.k] }

// packRows packs B (n, k): row j of B becomes column j of the panels.
func (p *panels) packRows(b []float64, ldb int) {
	k := p.k
	for j := 0; j < p.n; j += 4 {
		b0 := b[j*ldb:][:k]
		b1, b2, b3 := b0, b0, b0 // rows past n are read as row j and zeroed below
		if j+1 < p.n {
			b1 = b[(j+1)*ldb:][:k]
		}
		if j+2 < p.n {
			b2 = b[(j+2)*ldb:][:k]
		}
		if j+3 < p.n {
			b3 = b[(j+3)*ldb:][:k]
		}
		b1, b2, b3 = b1[:k], b2[:k], b3[:k]
		dst := p.panel(j / 4)
		for q, v := range b0 {
			d := dst[4*q : 4*q+4 : 4*q+4]
			d[0], d[1], d[2], d[3] = v, b1[q], b2[q], b3[q]
		}
		p.zeroPadding(dst, p.n-j)
	}
}

// packCols packs B (k, n): row q of B is spread over the panels.
func (p *panels) packCols(b []float64, ldb int) {
	for j := 0; j < p.n; j += 4 {
		dst := p.panel(j / 4)
		if j+4 > p.n { // the last, partial panel
			for q := 0; q < p.k; q++ {
				for r, v := range b[q*ldb+j : q*ldb+p.n] {
					dst[4*q+r] = v
				}
			}
			p.zeroPadding(dst, p.n-j)
			continue
		}
		for q := 0; q < p.k; q++ {
			o := q*ldb + j
			s := b[o : o+4 : o+4]
			d := dst[4*q : 4*q+4 : 4*q+4]
			d[0], d[1], d[2], d[3] = s[0], s[1], s[2], s[3]
		}
	}
}

// zeroPadding clears the columns w…3 of a panel whose first w are real.
func (p *panels) zeroPadding(dst []float64, w int) {
	if w >= 4 {
		return
	}
	for q := 0; q < p.k; q++ {
		clear(dst[4*q+w : 4*q+4])
	}
}

// rowBlock is how many rows of C one pass of the kernel computes against
// a panel: 3 in wasm (panel3x4: 6.6 GFLOP/s in Node 20, against 4.7 for
// panel2x4), 2 natively, where Go's amd64 code spills 12 accumulators
// (8.0 GFLOP/s for panel2x4, 6.1 for panel3x4). A variable so that the
// tests run every kernel on every platform.
var rowBlock = defaultRowBlock

// mulPanels adds alpha·A·B to C for up to 3 rows: c[r] += alpha·a[r]·B,
// each a[r] of length k, B packed.
func (p *panels) mulPanels(c, a [][]float64, alpha float64) {
	n := len(c[0])
	for j := 0; j < n; j += 4 {
		w := min(4, n-j)
		panel := p.panel(j / 4)
		switch len(a) {
		case 3:
			s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23 := panel3x4(a[0], a[1], a[2], panel)
			addCols(c[0][j:][:w], alpha, s00, s01, s02, s03)
			addCols(c[1][j:][:w], alpha, s10, s11, s12, s13)
			addCols(c[2][j:][:w], alpha, s20, s21, s22, s23)
		case 2:
			s00, s01, s02, s03, s10, s11, s12, s13 := panel2x4(a[0], a[1], panel)
			addCols(c[0][j:][:w], alpha, s00, s01, s02, s03)
			addCols(c[1][j:][:w], alpha, s10, s11, s12, s13)
		default:
			s0, s1, s2, s3 := panel1x4(a[0], panel)
			addCols(c[0][j:][:w], alpha, s0, s1, s2, s3)
		}
	}
}

// mulRows adds alpha·A·B to C (m, n) for A (m, k) with contiguous rows and
// B packed, rowBlock rows at a time.
func (p *panels) mulRows(m int, alpha float64, a []float64, lda int, c []float64, ldc int) {
	n, k := p.n, p.k
	var cr, ar [3][]float64
	for i := 0; i < m; {
		r := blockRows(m - i)
		for q := range r {
			cr[q], ar[q] = c[(i+q)*ldc:][:n], a[(i+q)*lda:][:k]
		}
		p.mulPanels(cr[:r], ar[:r], alpha)
		i += r
	}
}

// blockRows is how many of the left rows the next pass takes: rowBlock,
// but 2 + 2 rather than 3 + 1 for the last 4 (one row alone runs at half
// the speed: each value of B feeds one multiply-add).
func blockRows(left int) int {
	if left == 4 {
		return 2
	}
	return min(rowBlock, left)
}

// gemmNT adds alpha·A·Bᵀ to C: A (m, k), B (n, k), C (m, n), a product
// large enough to pack B (the others are gemm_small.go's): the rows of B
// become panels, multiplied by the rows of A.
func gemmNT(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	s := acquireScratch()
	s.b.resize(n, k)
	s.b.packRows(b, ldb)
	s.b.mulRows(m, alpha, a, lda, c, ldc)
	releaseScratch(s)
}

// gemmNN adds alpha·A·B to C: A (m, k), B (k, n), C (m, n), B packed by
// columns.
func gemmNN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	s := acquireScratch()
	s.b.resize(n, k)
	s.b.packCols(b, ldb)
	s.b.mulRows(m, alpha, a, lda, c, ldc)
	releaseScratch(s)
}

// gemmTN adds alpha·Aᵀ·B to C: A (k, m), B (k, n), C (m, n), the shape of
// every weight gradient (dW += dYᵀ·X, summed over time and batch). B is
// packed; rowBlock columns of A at a time are gathered into contiguous rows.
func gemmTN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	s := acquireScratch()
	s.b.resize(n, k)
	s.b.packCols(b, ldb)
	s.a.resize(4, k) // room for 3 gathered columns of A, as rows of k
	var cr, ar [3][]float64
	for i := 0; i < m; {
		r := blockRows(m - i)
		for q := range r {
			cr[q], ar[q] = c[(i+q)*ldc:][:n], s.a.buf[q*k:][:k]
		}
		gatherCols(ar[:r], a[i:], lda)
		s.b.mulPanels(cr[:r], ar[:r], alpha)
		i += r
	}
	releaseScratch(s)
}

// gatherCols copies columns 0…len(dst)-1 of A (k rows, leading dimension
// lda) into the rows dst, each of length k.
func gatherCols(dst [][]float64, a []float64, lda int) {
	d0 := dst[0]
	switch len(dst) {
	case 3:
		d1, d2 := dst[1][:len(d0)], dst[2][:len(d0)]
		for q := range d0 {
			col := a[q*lda:][:3:3]
			d0[q], d1[q], d2[q] = col[0], col[1], col[2]
		}
	case 2:
		d1 := dst[1][:len(d0)]
		for q := range d0 {
			col := a[q*lda:][:2:2]
			d0[q], d1[q] = col[0], col[1]
		}
	default:
		for q := range d0 {
			d0[q] = a[q*lda]
		}
	}
}

// panel2x4 returns the 8 sums Σ_p a_r[p]·panel[p][c] for rows r = 0, 1 and
// the 4 columns c of a packed (k, 4) panel.
func panel2x4(a0, a1, panel []float64) (s00, s01, s02, s03, s10, s11, s12, s13 float64) {
	a1, panel = a1[:len(a0)], panel[:4*len(a0)]
	for p, x0 := range a0 {
		x1 := a1[p]
		y := panel[4*p : 4*p+4 : 4*p+4]
		y0, y1, y2, y3 := y[0], y[1], y[2], y[3]
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

// panel3x4 is panel2x4 for 3 rows, its loop unrolled twice: Go's wasm
// code sends every loop iteration through a jump table, which doubling the
// work per iteration halves (6.6 GFLOP/s in Node 20, against 5.6 rolled).
// The sums still run over p in order.
func panel3x4(a0, a1, a2, panel []float64) (s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23 float64) {
	a1, a2, panel = a1[:len(a0)], a2[:len(a0)], panel[:4*len(a0)]
	p := 0
	for ; p+2 <= len(a0); p += 2 {
		x, z, w := a0[p:p+2:p+2], a1[p:p+2:p+2], a2[p:p+2:p+2]
		y := panel[4*p : 4*p+8 : 4*p+8]
		s00 += x[0] * y[0]
		s01 += x[0] * y[1]
		s02 += x[0] * y[2]
		s03 += x[0] * y[3]
		s10 += z[0] * y[0]
		s11 += z[0] * y[1]
		s12 += z[0] * y[2]
		s13 += z[0] * y[3]
		s20 += w[0] * y[0]
		s21 += w[0] * y[1]
		s22 += w[0] * y[2]
		s23 += w[0] * y[3]
		s00 += x[1] * y[4]
		s01 += x[1] * y[5]
		s02 += x[1] * y[6]
		s03 += x[1] * y[7]
		s10 += z[1] * y[4]
		s11 += z[1] * y[5]
		s12 += z[1] * y[6]
		s13 += z[1] * y[7]
		s20 += w[1] * y[4]
		s21 += w[1] * y[5]
		s22 += w[1] * y[6]
		s23 += w[1] * y[7]
	}
	if p < len(a0) {
		x0, x1, x2 := a0[p], a1[p], a2[p]
		y := panel[4*p : 4*p+4 : 4*p+4]
		s00 += x0 * y[0]
		s01 += x0 * y[1]
		s02 += x0 * y[2]
		s03 += x0 * y[3]
		s10 += x1 * y[0]
		s11 += x1 * y[1]
		s12 += x1 * y[2]
		s13 += x1 * y[3]
		s20 += x2 * y[0]
		s21 += x2 * y[1]
		s22 += x2 * y[2]
		s23 += x2 * y[3]
	}
	return
}

// panel1x4 is panel2x4 for one row.
func panel1x4(a0, panel []float64) (s0, s1, s2, s3 float64) {
	panel = panel[:4*len(a0)]
	for p, x := range a0 {
		y := panel[4*p : 4*p+4 : 4*p+4]
		s0 += x * y[0]
		s1 += x * y[1]
		s2 += x * y[2]
		s3 += x * y[3]
	}
	return
}

// addCols adds alpha·(s0, s1, s2, s3) to the first len(c) ≤ 4 elements of c.
func addCols(c []float64, alpha, s0, s1, s2, s3 float64) {
	switch len(c) {
	case 4:
		c[3] += alpha * s3
		fallthrough
	case 3:
		c[2] += alpha * s2
		fallthrough
	case 2:
		c[1] += alpha * s1
		fallthrough
	case 1:
		c[0] += alpha * s0
	}
}

// axpy adds alpha·x to y.
func axpy(alpha float64, x, y []float64) {
	y = y[:len(x)]
	for i, v := range x {
		y[i] += alpha * v
	}
}
