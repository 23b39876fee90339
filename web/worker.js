// The trainer worker: the same app.wasm as the page, whose main sees that it
// runs in a worker (no document) and serves training commands instead of
// drawing the page. Paths are relative to this file (web/worker.js), so they
// also hold under a GitHub Pages prefix (/REPO/web/worker.js). The trainer
// starts its helper workers (data-parallel training) from this same script:
// a helper learns what it is from its first message (app/helper_wasm.go).
importScripts("../wasm_exec.js");

// Messages that arrive before Go has installed its own onmessage are kept
// and replayed, so the page may send its first command at once.
const early = [];
onmessage = (e) => early.push(e);

const go = new Go();
WebAssembly.instantiateStreaming(fetch("app.wasm"), go.importObject)
  .then((result) => {
    go.run(result.instance);
    for (const e of early) onmessage(e); // Go replaced onmessage synchronously in run
  })
  .catch((err) => {
    // A problem as app/protocol sends them (rnn.Problem): the page words it.
    postMessage(JSON.stringify({ kind: "failed", error: { code: "internal", detail: String(err) } }));
  });
