// The brain.js anchor: brain.recurrent.RNN / LSTM / GRU (brain.js 1.6.1, the
// npm `latest`), as close to the playground's configuration as its API goes.
//
// Where it differs, and cannot be made not to:
//   - no batches: one step trains the B sequences of a batch one after the
//     other, updating the weights after each (trainPattern);
//   - its own update rule (RMSProp-like with gradient clipping at 5 and an L2
//     term), not Adam; the learning rate is the same;
//   - each sequence gets a start and an end token, so a row of T inputs and
//     its last target make T+2 predictions instead of T.
// The sizes do match: train() would set the embedding size to the vocabulary
// size, so the network is built with inputSize = E and driven through
// initialize() and trainPattern(), the methods train() itself calls.
"use strict";

function newTrainer(spec) {
  const Net = { RNN: brain.recurrent.RNN, LSTM: brain.recurrent.LSTM, GRU: brain.recurrent.GRU }[spec.cell];
  if (!Net) throw new Error("unknown cell " + spec.cell);
  const net = new Net({
    inputSize: spec.E,
    inputRange: spec.V,
    hiddenLayers: Array(spec.L).fill(spec.H),
    outputSize: spec.V,
    learningRate: spec.lr,
  });
  net.initialize();

  // Each row of a batch as one sequence: its T inputs, then its last target.
  const batches = spec.batches.map((b) => {
    const inputs = benchRows(b.inputs, spec.B, spec.T);
    const targets = benchRows(b.targets, spec.B, spec.T);
    return inputs.map((row, i) => row.concat([targets[i][spec.T - 1]]));
  });

  return {
    step(i) {
      const seqs = batches[i % batches.length];
      let sum = 0;
      for (const s of seqs) sum += net.trainPattern(s, true);
      return sum / seqs.length; // brain.js's error: perplexity / 100
    },
    dispose() {},
  };
}

window.bench.run = (spec) => benchMeasure(spec, newTrainer);

try {
  document.getElementById("status").textContent = "brain.js ready";
  benchReady({ library: "brain.js 1.6.1", backend: "JavaScript (CPU)" });
} catch (err) {
  benchFailed(err);
}
