package protocol

// Worker counts a run may ask for (workers= in a link). The trainer hands
// shares of each batch to helper workers; see app/trainer/workers.go.
const (
	AutoWorkers = 0 // workers=auto: as many as the machine has cores, up to the trainer's bound
	MaxWorkers  = 8
)
