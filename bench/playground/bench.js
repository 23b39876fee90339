// Our trainer, timed the way a student meets it: the same app.wasm in the
// same Web Worker (worker.js) the playground uses, driven by the same
// messages (app/protocol/messages.go). Nothing here trains; it only sends commands
// and times the events that come back. It is measurement code, not part of
// the product: cmd/browserbench runs the real server (cmd/serve) on a copy of
// web/ with this folder's files added, loads /web/bench.html from it (so that
// worker.js and app.wasm are the server's own, from the same origin) and calls
//
//	await window.bench.run(spec)
//
// with spec.query the run's settings encoded as in the playground's URL, and
// the same timing fields as bench/common.js (mode, steps, repeats, …).
"use strict";

window.bench = { ready: false, readyMs: 0, error: "", about: { library: "RNN Playground (Go, wasm, Web Worker)" } };

// bench.html?warmup=0 starts the worker without its warm-up
// (app/trainer/warmup.go), so that the harness can show what it buys.
const params = new URLSearchParams(location.search);
const worker = new Worker(params.has("warmup") ? "worker.js?warmup=" + encodeURIComponent(params.get("warmup")) : "worker.js");
const queue = []; // events not yet taken, each stamped with its arrival time
let waiter = null;

worker.onmessage = (e) => {
  const ev = JSON.parse(e.data);
  ev.at = performance.now();
  if (ev.kind === "started") {
    // As the playground does: a run at once (its link's, here the
    // notebook's), which is also what lets the worker warm up.
    send({ cmd: "reset", run: ++runs, query: "" });
    send({ cmd: "warmup" }); // the page is drawn (this one at once)
    window.bench.readyMs = ev.at;
    window.bench.ready = true;
    document.getElementById("status").textContent = "trainer ready";
    return;
  }
  if (ev.kind === "failed") {
    window.bench.error = "the trainer did not start: " + problemText(ev.error);
    return;
  }
  queue.push(ev);
  if (waiter) waiter();
};
worker.onerror = (e) => {
  window.bench.error = "worker error: " + e.message;
};

// next resolves with the first queued event of run that pred accepts,
// dropping the ones before it.
function next(run, pred) {
  return new Promise((resolve) => {
    const look = () => {
      while (queue.length > 0) {
        const ev = queue.shift();
        if (ev.run === run && pred(ev)) {
          waiter = null;
          resolve(ev);
          return;
        }
      }
      waiter = look;
    };
    look();
  });
}

// problemText is a worker's problem (rnn.Problem: a code, its values, the
// technical detail) as one line for the harness's log.
const problemText = (p) => [p.code, ...(p.args || []), p.detail || ""].join(" ").trim();

const send = (cmd) => worker.postMessage(JSON.stringify(cmd));
const isProgress = (ev) => ev.kind === "progress";
const finished = (ev) => isProgress(ev) && ev.state !== "running" && ev.state !== "paused";

let runs = 0;
let workers = 0; // the workers training the last run, as its ready event said (0: not said)

// reset starts a new run and waits until the worker has built it.
async function reset(query) {
  const run = ++runs;
  send({ cmd: "reset", run, query });
  const ready = await next(run, (ev) => ev.kind === "ready");
  if (ready.error) throw new Error(problemText(ready.error));
  workers = ready.workers || 0;
  return run;
}

function check(ev) {
  if (ev.error || ev.state === "diverged" || ev.state === "error") {
    throw new Error("training stopped: " + (ev.error ? problemText(ev.error) : ev.state));
  }
}

// notebook: `repeats` runs of `steps` steps, each from Play to the "done"
// event. computeMs is the part of each run the worker spent training (its
// progress events' computeMs); the rest is messages, JSON and the event loop.
async function notebook(spec) {
  const out = { msPerStep: [], totalsMs: [], computeMs: [], resetMs: [], losses: [] };
  const query = spec.query + "&steps=" + spec.steps;
  for (let r = 0; r < spec.repeats; r++) {
    const t = performance.now();
    const run = await reset(query);
    out.resetMs.push(performance.now() - t);
    const losses = [];
    const t0 = performance.now();
    send({ cmd: "play" });
    for (;;) {
      const ev = await next(run, isProgress);
      losses.push(...(ev.losses || []));
      if (finished(ev)) {
        check(ev);
        out.totalsMs.push(ev.at - t0);
        out.msPerStep.push((ev.at - t0) / spec.steps);
        out.computeMs.push(ev.computeMs || 0);
        out.workers = ev.workers || workers;
        break;
      }
    }
    out.losses = [losses[0], losses[losses.length - 1]];
  }
  return out;
}

// throughput: one Step for the warm-up, a second to size the repeats
// (unless the first was long), then Play. The progress events
// (one every ~30 ms, each with the step reached) split the run into repeats
// of about k steps: a repeat ends at the first event past its last step.
async function throughput(spec) {
  const out = { msPerStep: [], totalsMs: [], losses: [] };
  const run = await reset(spec.query + "&steps=1000000");
  let t0 = performance.now();
  send({ cmd: "step" });
  const warm = await next(run, isProgress);
  check(warm);
  out.warmMs = warm.at - t0;
  out.workers = warm.workers || workers;
  out.losses = [warm.losses[0], warm.losses[0]];
  if (out.warmMs > spec.slowMs) {
    out.msPerStep.push(out.warmMs);
    out.note = "one step only (warm-up included): too slow to repeat";
    return out;
  }
  // A second step sizes the repeats: the first includes starting the
  // helper workers (workers > 1) and V8's first compilations.
  let stepMs = out.warmMs;
  if (out.warmMs < 2 * spec.repeatMs) {
    t0 = performance.now();
    send({ cmd: "step" });
    const second = await next(run, isProgress);
    check(second);
    stepMs = second.at - t0;
  }
  const k = Math.max(1, Math.min(1000, Math.round(spec.repeatMs / stepMs)));
  out.stepsPerRepeat = k;

  t0 = performance.now();
  send({ cmd: "play" });
  let mark = null; // where the current repeat started: the first event after Play
  while (out.msPerStep.length < spec.repeats) {
    const ev = await next(run, isProgress);
    check(ev);
    if (ev.losses && ev.losses.length > 0) out.losses[1] = ev.losses[ev.losses.length - 1];
    if (ev.workers) out.workers = ev.workers; // 1 if the helpers failed
    if (mark === null) {
      mark = { step: ev.step, at: ev.at };
      continue;
    }
    if (ev.step - mark.step < k) continue;
    out.msPerStep.push((ev.at - mark.at) / (ev.step - mark.step));
    mark = { step: ev.step, at: ev.at };
    if (out.msPerStep.length >= spec.minRepeats && ev.at - t0 > spec.budgetMs) break;
  }
  send({ cmd: "pause" });
  await next(run, (ev) => isProgress(ev) && ev.state === "paused");
  return out;
}

window.bench.run = (spec) => (spec.mode === "notebook" ? notebook(spec) : throughput(spec));

// curve: a fresh run trained one Step at a time; for each step, the ms the
// worker spent training (from computeMs). It shows V8 tiering the code up.
window.bench.curve = async (query, n) => {
  const run = await reset(query + "&steps=1000000");
  const ms = [];
  let before = 0;
  for (let i = 0; i < n; i++) {
    send({ cmd: "step" });
    const ev = await next(run, isProgress);
    check(ev);
    ms.push(ev.computeMs - before);
    before = ev.computeMs;
  }
  return ms;
};

// For the memory check: start a long run, then train it up to a step count
// and pause, so the harness can read the worker's wasm memory in between.
let longRun = 0;
window.bench.startRun = async (query) => {
  longRun = await reset(query + "&steps=1000000");
};
window.bench.trainTo = async (step) => {
  send({ cmd: "play" });
  for (;;) {
    const ev = await next(longRun, isProgress);
    check(ev);
    if (ev.step >= step) break;
  }
  send({ cmd: "pause" });
  const paused = await next(longRun, (ev) => isProgress(ev) && ev.state === "paused");
  return paused.step;
};

// By hand: the button times the notebook's run for each cell, five times.
document.getElementById("notebook").addEventListener("click", async (e) => {
  e.target.disabled = true;
  const out = document.getElementById("out");
  out.textContent = "";
  const text = "We are going to watch Avengers End Game";
  for (const cell of ["rnn", "lstm", "gru"]) {
    const query = "text=" + encodeURIComponent(text) + "&cell=" + cell;
    try {
      const r = await notebook({ query, steps: 151, repeats: 5 });
      const ms = r.totalsMs.slice().sort((a, b) => a - b);
      out.textContent += `${cell.toUpperCase()}: 151 steps in ${ms[2].toFixed(1)} ms (median of 5; ${ms[0].toFixed(1)}–${ms[4].toFixed(1)})\n`;
    } catch (err) {
      out.textContent += `${cell.toUpperCase()}: ${err.message}\n`;
    }
  }
  e.target.disabled = false;
});
