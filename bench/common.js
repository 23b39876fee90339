// What every anchor page shares: the handshake with cmd/browserbench and the
// timing loop, so that TensorFlow.js and brain.js are measured exactly alike.
//
// A page sets window.bench.ready (and readyMs, ms since navigation) once its
// library is loaded, then cmd/browserbench calls
//
//	await window.bench.run(spec)
//
// where spec is one configuration and cell (see cmd/browserbench/spec.go):
//
//	{config, cell, V, E, H, L, T, B, lr, batches: [{inputs, targets}],  // (B, T) ids each
//	 mode: "notebook" | "throughput", steps, repeats, minRepeats, repeatMs, budgetMs, slowMs}
//
// and gets back the raw samples; statistics are computed in Go.
"use strict";

window.bench = { ready: false, readyMs: 0, error: "", about: {} };

// benchReady marks the page ready to train; about says what it runs.
function benchReady(about) {
  window.bench.about = about;
  window.bench.readyMs = performance.now();
  window.bench.ready = true;
}

function benchFailed(err) {
  window.bench.error = String((err && err.stack) || err);
}

// benchMeasure times a trainer made by newTrainer(spec), an object with
// step(i) (one optimiser step on batch i mod len(batches); returns the loss,
// or a promise of it) and dispose().
//
// notebook:   `repeats` fresh models, each trained `steps` steps; one total per model
//             (the first step's set-up included, as a student would wait for it).
// throughput: one model; a warm-up step, then up to `repeats` runs of k steps,
//             k chosen so a run lasts about repeatMs, stopping after budgetMs
//             (but not before minRepeats). A warm-up step slower than slowMs is
//             the only sample: such a configuration is too slow to repeat.
async function benchMeasure(spec, newTrainer) {
  const now = () => performance.now();
  const out = { msPerStep: [], totalsMs: [], losses: [] };
  if (spec.mode === "notebook") {
    for (let r = 0; r < spec.repeats; r++) {
      const tr = await newTrainer(spec);
      let first = 0, last = 0;
      const t0 = now();
      for (let i = 0; i < spec.steps; i++) {
        last = await tr.step(i);
        if (i === 0) first = last;
      }
      const total = now() - t0;
      tr.dispose();
      out.totalsMs.push(total);
      out.msPerStep.push(total / spec.steps);
      out.losses = [first, last];
    }
    return out;
  }

  const tr = await newTrainer(spec);
  try {
    let t0 = now();
    const first = await tr.step(0);
    out.warmMs = now() - t0;
    out.losses = [first, first];
    if (out.warmMs > spec.slowMs) {
      out.msPerStep.push(out.warmMs);
      out.note = "one step only (warm-up included): too slow to repeat";
      return out;
    }
    const k = Math.max(1, Math.min(1000, Math.round(spec.repeatMs / out.warmMs)));
    out.stepsPerRepeat = k;
    let step = 1;
    const start = now();
    for (let r = 0; r < spec.repeats; r++) {
      if (r >= spec.minRepeats && now() - start > spec.budgetMs) break;
      t0 = now();
      for (let j = 0; j < k; j++) out.losses[1] = await tr.step(step++);
      out.msPerStep.push((now() - t0) / k);
    }
    return out;
  } finally {
    tr.dispose();
  }
}

// benchRows cuts a (B, T) batch into its B rows.
function benchRows(flat, b, t) {
  const rows = [];
  for (let i = 0; i < b; i++) rows.push(flat.slice(i * t, (i + 1) * t));
  return rows;
}
