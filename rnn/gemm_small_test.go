package rnn

import (
	"fmt"
	"math"
	"testing"
	"time"

	"gonum.org/v1/gonum/blas"
)

// TestDirectMatchesBlocked: the direct kernels of small products give the
// blocked kernels' results bit for bit, for every transpose the layers use,
// odd and even m, n and k around the blocks of 2 rows × 4 columns and the
// unrolled pairs of p, padded leading dimensions, and alpha and beta
// (beta = 0 included), under every row block of the blocked kernels.
func TestDirectMatchesBlocked(t *testing.T) {
	defer func(r int) { rowBlock = r }(rowBlock)
	defer func(d bool) { direct = d }(direct)
	sizes := [][3]int{ // m, n, k; none of them packs
		{1, 1, 1}, {1, 4, 2}, {1, 80, 20}, {1, 20, 80}, {1, 7, 3}, {2, 4, 1}, {2, 9, 5}, {3, 3, 3},
		{3, 80, 5}, {7, 80, 5}, {7, 9, 20}, {7, 20, 9}, {7, 5, 80}, {9, 20, 7}, {80, 5, 7}, {80, 20, 6},
		{5, 13, 17}, {6, 6, 0}, {1, 1024, 256}, {3, 50, 100},
	}
	for _, rows := range []int{1, 2, 3} {
		rowBlock = rows
		for _, tr := range [][2]blas.Transpose{{blas.NoTrans, blas.Trans}, {blas.NoTrans, blas.NoTrans}, {blas.Trans, blas.NoTrans}} {
			for _, sz := range sizes {
				for _, ab := range [][2]float64{{1, 0}, {1, 1}, {-0.5, 1}, {2.5, 0.3}, {0, 0.5}} {
					m, n, k := sz[0], sz[1], sz[2]
					if packs(m, n, k) {
						t.Fatalf("%dx%dx%d packs: not a direct product", m, n, k)
					}
					alpha, beta := ab[0], ab[1]
					name := fmt.Sprintf("rowBlock=%d/%s%s/%dx%dx%d/alpha=%g/beta=%g", rows, trans(tr[0]), trans(tr[1]), m, n, k, alpha, beta)
					t.Run(name, func(t *testing.T) {
						a, lda := paddedOperand(tr[0], m, k, 3, 1)
						b, ldb := paddedOperand(tr[1], k, n, 1, 2)
						ldc := n + 2
						want := randSlice(m*ldc, 3)
						got := append([]float64(nil), want...)
						direct = false
						impl.Dgemm(tr[0], tr[1], m, n, k, alpha, a, lda, b, ldb, beta, want, ldc)
						direct = true
						impl.Dgemm(tr[0], tr[1], m, n, k, alpha, a, lda, b, ldb, beta, got, ldc)
						for i := range got {
							if math.Float64bits(got[i]) != math.Float64bits(want[i]) {
								t.Fatalf("C[%d,%d] = %.17g, blocked %.17g", i/ldc, i%ldc, got[i], want[i])
							}
						}
					})
				}
			}
		}
	}
}

// BenchmarkDirect compares whole training steps with the direct kernels of
// small products and without them, alternating the two in every round so
// that the machine's other load weighs on both alike; each reports its
// best round in µs per step.
//
//	go test -run '^$' -bench Direct -benchtime 1x ./rnn
func BenchmarkDirect(b *testing.B) {
	defer func(d bool) { direct = d }(direct)
	for _, bc := range benchConfigs {
		if bc.name == "large" {
			continue
		}
		for _, cell := range benchCells {
			b.Run(bc.name+"/"+cell.String(), func(b *testing.B) {
				tr := bc.trainer(b, cell)
				steps := 200
				if bc.corpus {
					steps = 1
				}
				rounds := 30
				if bc.corpus {
					rounds = 4
				}
				best := map[bool]float64{true: math.Inf(1), false: math.Inf(1)}
				for range b.N {
					for r := range 2 * rounds {
						direct = r%2 == 0
						if _, err := tr.Step(); err != nil { // warm the path up
							b.Fatal(err)
						}
						start := time.Now()
						for range steps {
							if _, err := tr.Step(); err != nil {
								b.Fatal(err)
							}
						}
						best[direct] = math.Min(best[direct], float64(time.Since(start).Nanoseconds())/1e3/float64(steps))
					}
				}
				b.ReportMetric(0, "ns/op")
				b.ReportMetric(best[false], "µs/step-blocked")
				b.ReportMetric(best[true], "µs/step-direct")
				b.ReportMetric(best[true]/best[false], "direct/blocked")
			})
		}
	}
}
