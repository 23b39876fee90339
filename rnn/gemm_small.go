package rnn

// Products too small to pack B (see packs) run a direct kernel: the whole
// product in one function, with no scratch, no packing, no calls per block.
// These are all the products of a small model and the recurrent products of
// a single sequence (m = B = 1): in the notebook's step, a few thousand
// multiply-adds each, where the fixed costs of the blocked path they replaced (a call and
// a return of 8 sums per 2×4 block, slicing 4 rows of B with bounds checks,
// gathering columns of A) were half the time of the products.
//
// Each kernel computes 2 rows × 4 columns of C per pass (a single row 8
// columns at a time, and in wasm the weight gradients 3 rows at a time),
// the loop over the inner dimension unrolled twice where k is not tiny:
// Go's wasm code sends every loop iteration through the function's jump
// table, so each iteration does 16 multiply-adds. Each element of C is
// still one sum over p in increasing order, in one variable, then
// alpha·sum added to C: the same bits as the packed kernels (and as the
// plain loop of the tests, TestSmallProductsSumInOrder). Some inner
// loops keep bounds checks (Go's prover does not see p+2 ≤ k for the
// unrolled pairs): a variant of nt2x4 with one check per iteration
// instead of six measured the same in Node, so the plainer form stays.

// directNT adds alpha·A·Bᵀ to C: A (m, k), B (n, k), C (m, n). Rows of A
// and B are contiguous. Each sub-kernel takes the columns of C from j on
// while its block fits and returns where it stopped, so that the next,
// narrower one finishes the row: 2 rows of C at a time, then the last row
// of an odd m.
func directNT(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	i := 0
	for ; i+2 <= m; i += 2 {
		a0, a1 := a[i*lda:][:k], a[(i+1)*lda:][:k]
		c0, c1 := c[i*ldc:][:n], c[(i+1)*ldc:][:n]
		j := nt2x4(0, c0, c1, alpha, a0, a1, b, ldb)
		nt2x1(j, c0, c1, alpha, a0, a1, b, ldb)
	}
	if i == m {
		return
	}
	a0, c0 := a[i*lda:][:k], c[i*ldc:][:n]
	j := 0
	if rowBlock >= 3 {
		j = nt1x8(j, c0, alpha, a0, b, ldb)
	}
	j = nt1x4(j, c0, alpha, a0, b, ldb)
	nt1x1(j, c0, alpha, a0, b, ldb)
}

// nt2x4 adds alpha·[a0; a1]·Bᵀ to the rows c0, c1 (n) 4 columns at a
// time, from column j while 4 remain, and returns the first column left.
// a0 and a1 (k) are rows of A; B (n, k) has rows of stride ldb.
func nt2x4(j int, c0, c1 []float64, alpha float64, a0, a1, b []float64, ldb int) int {
	n, k := len(c0), len(a0)
	c1, a1 = c1[:n], a1[:k]
	for ; j+4 <= n; j += 4 {
		b0, b1, b2, b3 := b[j*ldb:][:k], b[(j+1)*ldb:][:k], b[(j+2)*ldb:][:k], b[(j+3)*ldb:][:k]
		var s00, s01, s02, s03, s10, s11, s12, s13 float64
		p := 0
		for ; p+2 <= k; p += 2 {
			x, z := a0[p:p+2:p+2], a1[p:p+2:p+2]
			y0, y1, y2, y3 := b0[p:p+2:p+2], b1[p:p+2:p+2], b2[p:p+2:p+2], b3[p:p+2:p+2]
			s00 += x[0] * y0[0]
			s01 += x[0] * y1[0]
			s02 += x[0] * y2[0]
			s03 += x[0] * y3[0]
			s10 += z[0] * y0[0]
			s11 += z[0] * y1[0]
			s12 += z[0] * y2[0]
			s13 += z[0] * y3[0]
			s00 += x[1] * y0[1]
			s01 += x[1] * y1[1]
			s02 += x[1] * y2[1]
			s03 += x[1] * y3[1]
			s10 += z[1] * y0[1]
			s11 += z[1] * y1[1]
			s12 += z[1] * y2[1]
			s13 += z[1] * y3[1]
		}
		if p < k {
			x0, x1 := a0[p], a1[p]
			s00 += x0 * b0[p]
			s01 += x0 * b1[p]
			s02 += x0 * b2[p]
			s03 += x0 * b3[p]
			s10 += x1 * b0[p]
			s11 += x1 * b1[p]
			s12 += x1 * b2[p]
			s13 += x1 * b3[p]
		}
		d0, d1 := c0[j:j+4:j+4], c1[j:j+4:j+4]
		d0[0] += alpha * s00
		d0[1] += alpha * s01
		d0[2] += alpha * s02
		d0[3] += alpha * s03
		d1[0] += alpha * s10
		d1[1] += alpha * s11
		d1[2] += alpha * s12
		d1[3] += alpha * s13
	}
	return j
}

// nt2x1 is nt2x4 one column at a time, to the end of the rows.
func nt2x1(j int, c0, c1 []float64, alpha float64, a0, a1, b []float64, ldb int) {
	n, k := len(c0), len(a0)
	c1, a1 = c1[:n], a1[:k]
	for ; j < n; j++ {
		bj := b[j*ldb:][:k]
		var s0, s1 float64
		for p, y := range bj {
			s0 += a0[p] * y
			s1 += a1[p] * y
		}
		c0[j] += alpha * s0
		c1[j] += alpha * s1
	}
}

// nt1x8 adds alpha·a0·Bᵀ to the row c0 (n) 8 columns at a time, from
// column j while 8 remain, and returns the first column left. Only wasm
// takes it: with one row, 4 sums would wait on their own additions (8
// independent chains keep the multiply-adds going; 20% faster in Node for
// h·W_hhᵀ). Natively the 8 rows of B it reads at once spill their
// addresses (60% slower).
func nt1x8(j int, c0 []float64, alpha float64, a0, b []float64, ldb int) int {
	n, k := len(c0), len(a0)
	for ; j+8 <= n; j += 8 {
		b0, b1, b2, b3 := b[j*ldb:][:k], b[(j+1)*ldb:][:k], b[(j+2)*ldb:][:k], b[(j+3)*ldb:][:k]
		b4, b5, b6, b7 := b[(j+4)*ldb:][:k], b[(j+5)*ldb:][:k], b[(j+6)*ldb:][:k], b[(j+7)*ldb:][:k]
		var s0, s1, s2, s3, s4, s5, s6, s7 float64
		for p, x := range a0 {
			s0 += x * b0[p]
			s1 += x * b1[p]
			s2 += x * b2[p]
			s3 += x * b3[p]
			s4 += x * b4[p]
			s5 += x * b5[p]
			s6 += x * b6[p]
			s7 += x * b7[p]
		}
		d := c0[j : j+8 : j+8]
		d[0] += alpha * s0
		d[1] += alpha * s1
		d[2] += alpha * s2
		d[3] += alpha * s3
		d[4] += alpha * s4
		d[5] += alpha * s5
		d[6] += alpha * s6
		d[7] += alpha * s7
	}
	return j
}

// nt1x4 is nt1x8 4 columns at a time, the inner loop unrolled twice.
func nt1x4(j int, c0 []float64, alpha float64, a0, b []float64, ldb int) int {
	n, k := len(c0), len(a0)
	for ; j+4 <= n; j += 4 {
		b0, b1, b2, b3 := b[j*ldb:][:k], b[(j+1)*ldb:][:k], b[(j+2)*ldb:][:k], b[(j+3)*ldb:][:k]
		var s0, s1, s2, s3 float64
		p := 0
		for ; p+2 <= k; p += 2 {
			x := a0[p : p+2 : p+2]
			y0, y1, y2, y3 := b0[p:p+2:p+2], b1[p:p+2:p+2], b2[p:p+2:p+2], b3[p:p+2:p+2]
			s0 += x[0] * y0[0]
			s1 += x[0] * y1[0]
			s2 += x[0] * y2[0]
			s3 += x[0] * y3[0]
			s0 += x[1] * y0[1]
			s1 += x[1] * y1[1]
			s2 += x[1] * y2[1]
			s3 += x[1] * y3[1]
		}
		if p < k {
			x := a0[p]
			s0 += x * b0[p]
			s1 += x * b1[p]
			s2 += x * b2[p]
			s3 += x * b3[p]
		}
		d := c0[j : j+4 : j+4]
		d[0] += alpha * s0
		d[1] += alpha * s1
		d[2] += alpha * s2
		d[3] += alpha * s3
	}
	return j
}

// nt1x1 is nt1x8 one column at a time, to the end of the row.
func nt1x1(j int, c0 []float64, alpha float64, a0, b []float64, ldb int) {
	n, k := len(c0), len(a0)
	for ; j < n; j++ {
		bj := b[j*ldb:][:k]
		var s float64
		for p, y := range bj {
			s += a0[p] * y
		}
		c0[j] += alpha * s
	}
}

// directNN adds alpha·A·B to C: A (m, k), B (k, n), C (m, n). Rows of A
// are contiguous; B is read 4 columns at a time down its rows.
func directNN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	i := 0
	for ; i+2 <= m; i += 2 {
		a0, a1 := a[i*lda:][:k], a[(i+1)*lda:][:k]
		stridedRows(c[i*ldc:][:n], c[(i+1)*ldc:][:n], alpha, a0, a1, 1, k, b, ldb)
	}
	if i < m {
		stridedRow(c[i*ldc:][:n], alpha, a[i*lda:][:k], 1, k, b, ldb)
	}
}

// directTN adds alpha·Aᵀ·B to C: A (k, m), B (k, n), C (m, n). The 2 (or 3)
// rows of Aᵀ a pass takes are neighbouring columns of A, read in place.
func directTN(m, n, k int, alpha float64, a []float64, lda int, b []float64, ldb int, c []float64, ldc int) {
	i := 0
	if rowBlock >= 3 { // wasm: see rowBlock
		for ; i+3 <= m; i += 3 {
			columns3(c[i*ldc:][:n], c[(i+1)*ldc:][:n], c[(i+2)*ldc:][:n], alpha, a[i:], lda, k, b, ldb)
		}
	}
	for ; i+2 <= m; i += 2 {
		col := a[i:]
		stridedRows(c[i*ldc:][:n], c[(i+1)*ldc:][:n], alpha, col, col[1:], lda, k, b, ldb)
	}
	if i < m {
		stridedRow(c[i*ldc:][:n], alpha, a[i:], lda, k, b, ldb)
	}
}

// stridedRows adds alpha·[x; z]·B to the rows c0, c1 (n): x[p·inc] and
// z[p·inc] for p < k are the two rows of the left operand, B (k, n) has
// leading dimension ldb. inc is 1 for rows of A, lda for columns.
func stridedRows(c0, c1 []float64, alpha float64, x, z []float64, inc, k int, b []float64, ldb int) {
	n := len(c0)
	c1 = c1[:n]
	j := 0
	for ; j+4 <= n; j += 4 {
		var s00, s01, s02, s03, s10, s11, s12, s13 float64
		p, ox, ob := 0, 0, j
		for ; p+2 <= k; p += 2 {
			x0, z0 := x[ox], z[ox]
			x1, z1 := x[ox+inc], z[ox+inc]
			y := b[ob : ob+4 : ob+4]
			w := b[ob+ldb : ob+ldb+4 : ob+ldb+4]
			s00 += x0 * y[0]
			s01 += x0 * y[1]
			s02 += x0 * y[2]
			s03 += x0 * y[3]
			s10 += z0 * y[0]
			s11 += z0 * y[1]
			s12 += z0 * y[2]
			s13 += z0 * y[3]
			s00 += x1 * w[0]
			s01 += x1 * w[1]
			s02 += x1 * w[2]
			s03 += x1 * w[3]
			s10 += z1 * w[0]
			s11 += z1 * w[1]
			s12 += z1 * w[2]
			s13 += z1 * w[3]
			ox += 2 * inc
			ob += 2 * ldb
		}
		if p < k {
			x0, z0 := x[ox], z[ox]
			y := b[ob : ob+4 : ob+4]
			s00 += x0 * y[0]
			s01 += x0 * y[1]
			s02 += x0 * y[2]
			s03 += x0 * y[3]
			s10 += z0 * y[0]
			s11 += z0 * y[1]
			s12 += z0 * y[2]
			s13 += z0 * y[3]
		}
		d0, d1 := c0[j:j+4:j+4], c1[j:j+4:j+4]
		d0[0] += alpha * s00
		d0[1] += alpha * s01
		d0[2] += alpha * s02
		d0[3] += alpha * s03
		d1[0] += alpha * s10
		d1[1] += alpha * s11
		d1[2] += alpha * s12
		d1[3] += alpha * s13
	}
	for ; j < n; j++ {
		var s0, s1 float64
		for p, ox := 0, 0; p < k; p, ox = p+1, ox+inc {
			y := b[p*ldb+j]
			s0 += x[ox] * y
			s1 += z[ox] * y
		}
		c0[j] += alpha * s0
		c1[j] += alpha * s1
	}
}

// stridedRow is stridedRows for one row x, 8 columns at a time first (see
// nt1x8).
func stridedRow(c0 []float64, alpha float64, x []float64, inc, k int, b []float64, ldb int) {
	n := len(c0)
	j := 0
	for ; j+8 <= n; j += 8 {
		var s0, s1, s2, s3, s4, s5, s6, s7 float64
		p, ox, ob := 0, 0, j
		for ; p+2 <= k; p += 2 {
			x0, x1 := x[ox], x[ox+inc]
			y := b[ob : ob+8 : ob+8]
			w := b[ob+ldb : ob+ldb+8 : ob+ldb+8]
			s0 += x0 * y[0]
			s1 += x0 * y[1]
			s2 += x0 * y[2]
			s3 += x0 * y[3]
			s4 += x0 * y[4]
			s5 += x0 * y[5]
			s6 += x0 * y[6]
			s7 += x0 * y[7]
			s0 += x1 * w[0]
			s1 += x1 * w[1]
			s2 += x1 * w[2]
			s3 += x1 * w[3]
			s4 += x1 * w[4]
			s5 += x1 * w[5]
			s6 += x1 * w[6]
			s7 += x1 * w[7]
			ox += 2 * inc
			ob += 2 * ldb
		}
		if p < k {
			x0 := x[ox]
			y := b[ob : ob+8 : ob+8]
			s0 += x0 * y[0]
			s1 += x0 * y[1]
			s2 += x0 * y[2]
			s3 += x0 * y[3]
			s4 += x0 * y[4]
			s5 += x0 * y[5]
			s6 += x0 * y[6]
			s7 += x0 * y[7]
		}
		d := c0[j : j+8 : j+8]
		d[0] += alpha * s0
		d[1] += alpha * s1
		d[2] += alpha * s2
		d[3] += alpha * s3
		d[4] += alpha * s4
		d[5] += alpha * s5
		d[6] += alpha * s6
		d[7] += alpha * s7
	}
	for ; j+4 <= n; j += 4 {
		var s0, s1, s2, s3 float64
		p, ox, ob := 0, 0, j
		for ; p+2 <= k; p += 2 {
			x0, x1 := x[ox], x[ox+inc]
			y := b[ob : ob+4 : ob+4]
			w := b[ob+ldb : ob+ldb+4 : ob+ldb+4]
			s0 += x0 * y[0]
			s1 += x0 * y[1]
			s2 += x0 * y[2]
			s3 += x0 * y[3]
			s0 += x1 * w[0]
			s1 += x1 * w[1]
			s2 += x1 * w[2]
			s3 += x1 * w[3]
			ox += 2 * inc
			ob += 2 * ldb
		}
		if p < k {
			x0 := x[ox]
			y := b[ob : ob+4 : ob+4]
			s0 += x0 * y[0]
			s1 += x0 * y[1]
			s2 += x0 * y[2]
			s3 += x0 * y[3]
		}
		d := c0[j : j+4 : j+4]
		d[0] += alpha * s0
		d[1] += alpha * s1
		d[2] += alpha * s2
		d[3] += alpha * s3
	}
	for ; j < n; j++ {
		var s float64
		for p, ox := 0, 0; p < k; p, ox = p+1, ox+inc {
			s += x[ox] * b[p*ldb+j]
		}
		c0[j] += alpha * s
	}
}

// columns3 adds alpha·A₃ᵀ·B to the rows c0, c1, c2 (n), where A₃ are the
// first 3 columns of A (k, 3) with leading dimension lda, B (k, n): 3 rows
// of C per pass where 12 sums fit in registers (wasm; the weight gradients
// of the notebook's step 25% faster than 2 rows, natively 50% slower).
func columns3(c0, c1, c2 []float64, alpha float64, a []float64, lda, k int, b []float64, ldb int) {
	n := len(c0)
	c1, c2 = c1[:n], c2[:n]
	j := 0
	for ; j+4 <= n; j += 4 {
		var s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23 float64
		for p, oa, ob := 0, 0, j; p < k; p, oa, ob = p+1, oa+lda, ob+ldb {
			x := a[oa : oa+3 : oa+3]
			y := b[ob : ob+4 : ob+4]
			x0, x1, x2 := x[0], x[1], x[2]
			y0, y1, y2, y3 := y[0], y[1], y[2], y[3]
			s00 += x0 * y0
			s01 += x0 * y1
			s02 += x0 * y2
			s03 += x0 * y3
			s10 += x1 * y0
			s11 += x1 * y1
			s12 += x1 * y2
			s13 += x1 * y3
			s20 += x2 * y0
			s21 += x2 * y1
			s22 += x2 * y2
			s23 += x2 * y3
		}
		d0, d1, d2 := c0[j:j+4:j+4], c1[j:j+4:j+4], c2[j:j+4:j+4]
		d0[0] += alpha * s00
		d0[1] += alpha * s01
		d0[2] += alpha * s02
		d0[3] += alpha * s03
		d1[0] += alpha * s10
		d1[1] += alpha * s11
		d1[2] += alpha * s12
		d1[3] += alpha * s13
		d2[0] += alpha * s20
		d2[1] += alpha * s21
		d2[2] += alpha * s22
		d2[3] += alpha * s23
	}
	for ; j < n; j++ {
		var s0, s1, s2 float64
		for p, oa, ob := 0, 0, j; p < k; p, oa, ob = p+1, oa+lda, ob+ldb {
			x := a[oa : oa+3 : oa+3]
			y := b[ob]
			s0 += x[0] * y
			s1 += x[1] * y
			s2 += x[2] * y
		}
		c0[j] += alpha * s0
		c1[j] += alpha * s1
		c2[j] += alpha * s2
	}
}
