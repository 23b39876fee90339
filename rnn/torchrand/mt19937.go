package torchrand

// mt19937 is the 32-bit Mersenne Twister as ATen implements it
// (ATen/core/MT19937RNGEngine.h): the reference algorithm of Matsumoto and
// Nishimura, seeded by init_genrand with the low 32 bits of the seed.
type mt19937 struct {
	state [mtN]uint32
	next  int // index of the next state word to temper
}

const (
	mtN         = 624
	mtM         = 397
	mtMatrixA   = 0x9908b0df
	mtUpperMask = 0x80000000
	mtLowerMask = 0x7fffffff
)

func newMT19937(seed uint64) *mt19937 {
	m := &mt19937{}
	m.state[0] = uint32(seed) // PyTorch keeps seed & 0xffffffff
	for j := 1; j < mtN; j++ {
		prev := m.state[j-1]
		m.state[j] = 1812433253*(prev^(prev>>30)) + uint32(j)
	}
	m.next = mtN // the first draw twists the whole state
	return m
}

// twist regenerates all 624 state words.
func (m *mt19937) twist() {
	s := &m.state
	for i := 0; i < mtN; i++ {
		y := s[i]&mtUpperMask | s[(i+1)%mtN]&mtLowerMask
		v := s[(i+mtM)%mtN] ^ y>>1
		if y&1 != 0 {
			v ^= mtMatrixA
		}
		s[i] = v
	}
	m.next = 0
}

// uint32 returns the next tempered output.
func (m *mt19937) uint32() uint32 {
	if m.next >= mtN {
		m.twist()
	}
	y := m.state[m.next]
	m.next++
	y ^= y >> 11
	y ^= y << 7 & 0x9d2c5680
	y ^= y << 15 & 0xefc60000
	y ^= y >> 18
	return y
}
