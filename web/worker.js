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

// The page's loader names its trainer "page-trainer": the compiled module
// goes to the page, which instantiates it instead of compiling app.wasm
// again (app.js, cmd/serve/loader.js). A name, not a query: the service
// worker keeps worker.js for offline use under its plain URL.
const moduleToParent = self.name === "page-trainer";

const go = new Go();
WebAssembly.compileStreaming(fetch("app.wasm"))
  .then((module) => {
    if (moduleToParent) postMessage(module);
    return WebAssembly.instantiate(module, go.importObject);
  })
  .then((instance) => {
    const exited = go.run(instance);
    for (const e of early) onmessage(e); // Go replaced onmessage synchronously in run
    return exited.then(() => {
      throw new Error("Go exited"); // it serves until terminated: a crash, then
    });
  })
  .catch((err) => {
    // A problem as app/protocol sends them (rnn.Problem): the page words it.
    postMessage(JSON.stringify({ kind: "failed", error: { code: "internal", detail: String(err) } }));
  });
