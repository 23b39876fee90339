// RNN Playground's loader: it takes the place of go-app's goappInitWebAssembly
// in app.js (loader.go puts it there). The trainer worker downloads and
// compiles app.wasm and starts Go first; the page then instantiates the
// module the worker sends. V8 shares a module's compiled code between the
// threads that hold it, so the code of Go's start-up is compiled once, in the
// worker, and the page's main thread neither parses the 9 MB download nor
// compiles the start-up path again. The page adopts that worker as its
// trainer (window.rnnTrainer, app/client.go). Should the worker fail, the
// page loads app.wasm itself, as go-app would.
async function goappInitWebAssembly() {
  const loader = document.getElementById("app-wasm-loader");

  if (!goappCanLoadWebAssembly()) {
    loader.remove();
    return;
  }

  try {
    const go = new Go();
    const module = await rnnTrainerModule();
    const instance = module
      ? await WebAssembly.instantiate(module, go.importObject)
      : (await WebAssembly.instantiateStreaming(fetch("{{.Wasm}}"), go.importObject)).instance;
    go.run(instance);
    loader.remove();
  } catch (err) {
    document.getElementById("app-wasm-loader-icon").className = "goapp-logo";
    document.getElementById("app-wasm-loader-label").innerText = err;
    console.error("loading wasm failed: ", err);
  }
}

// rnnTrainerModule starts the trainer worker and resolves to the module it
// compiled, once Go runs in it (its "started"), leaving the worker in
// window.rnnTrainer; or to null if the worker cannot start or fails.
function rnnTrainerModule() {
  return new Promise((resolve) => {
    let worker;
    try {
      worker = new Worker("{{.TrainerJS}}", { name: "page-trainer" });
    } catch {
      resolve(null);
      return;
    }
    let module = null;
    const fail = () => {
      worker.terminate();
      resolve(null);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      fail();
    };
    worker.onmessage = (e) => {
      if (e.data instanceof WebAssembly.Module) {
        module = e.data;
        return;
      }
      let news = {};
      try {
        news = JSON.parse(e.data);
      } catch { }
      if (news.kind !== "started" || !module) {
        fail(); // {"kind":"failed"}: app.wasm did not load there
        return;
      }
      worker.onmessage = null;
      worker.onerror = null;
      window.rnnTrainer = worker;
      resolve(module);
    };
  });
}
