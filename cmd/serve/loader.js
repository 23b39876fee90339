// RNN Playground's loader: it takes the place of go-app's goappInitWebAssembly
// in app.js (loader.go puts it there). The trainer worker downloads and
// compiles app.wasm and starts Go first; the page then instantiates the
// module the worker sends. V8 shares a module's compiled code between the
// threads that hold it, so the code of Go's start-up, and of the page's
// first renders, which the worker rehearses (app/rehearse.go), is compiled
// once, in the worker; the page's main thread neither parses the 9 MB
// download nor compiles that code again. The page adopts that worker as its
// trainer (window.rnnTrainer, app/client.go). Should the worker fail, the
// page loads app.wasm itself, as go-app would. Meanwhile the server's copy
// of the page is in view only where it is what the app will show
// (rnnCopyIsRight); elsewhere go-app's loader covers it.
async function goappInitWebAssembly() {
  const loader = document.getElementById("app-wasm-loader");
  const label = document.getElementById("app-wasm-loader-label");
  document.getElementById("app-wasm-loader-icon").alt = ""; // the label says it

  if (!goappCanLoadWebAssembly()) {
    document.documentElement.classList.add("rnn-copy"); // the copy is all there is
    loader.remove();
    return;
  }
  const lang = rnnPageLang();
  // Set now, in the task that parsed the page, and only if it changes:
  // Chromium restyles the whole page whenever the root's lang is set.
  if (document.documentElement.lang !== lang) {
    document.documentElement.lang = lang;
  }
  if (lang === "ko") {
    label.textContent = "RNN Playground를 불러오는 중…";
  }
  // Over a copy that is right, a badge instead of go-app's screen: a new
  // element, the screen hidden (web/style.css), since an element that
  // moves or shrinks in view is a layout shift.
  let badge = null;
  if (rnnCopyIsRight(lang)) {
    badge = document.createElement("div");
    badge.id = "rnn-loading";
    badge.setAttribute("role", "status");
    const icon = document.createElement("img");
    icon.src = document.getElementById("app-wasm-loader-icon").src;
    icon.alt = "";
    badge.append(icon, label.textContent);
    document.body.append(badge);
    document.documentElement.classList.add("rnn-copy");
  }

  try {
    const go = new Go();
    const module = await rnnTrainerModule();
    const instance = module
      ? await WebAssembly.instantiate(module, go.importObject)
      : (await WebAssembly.instantiateStreaming(fetch("{{.Wasm}}"), go.importObject)).instance;
    await new Promise((resume) => setTimeout(resume)); // instantiating and Go's start-up: two tasks
    // The app calls this once its last part is in the page (app/steps.go):
    // it renders in steps, and lifting the cover sooner showed an empty
    // page, or cards emptied and filled again.
    window.rnnLiftCover = () => {
      loader.remove();
      badge?.remove();
    };
    go.run(instance);
  } catch (err) {
    // go-app's screen again, over the page, with what went wrong.
    badge?.remove();
    document.documentElement.classList.remove("rnn-copy");
    label.textContent = (lang === "ko" ? "시작하지 못했습니다. 페이지를 새로 고침해 보세요. " : "The playground could not start: reload the page to try again. ") + err;
    console.error("loading wasm failed: ", err);
  }
}

// rnnCopyIsRight reports whether the server's copy of the page, prerendered
// for the plain address in English, is what the app will show: a visit with
// no query (a teacher's or a shared link sets the run, the view, the hidden
// cards), in English, and with nothing the playground keeps in this browser
// (a kept model, earlier runs, a chosen language: keys "rnn-playground…",
// app/storage_test.go). Otherwise the loader covers the page until the app
// runs, rather than show a page that then changes.
function rnnCopyIsRight(lang) {
  if (location.search !== "" || lang !== "en") {
    return false;
  }
  try {
    return !Object.keys(localStorage).some((k) => k.startsWith("rnn-playground"));
  } catch {
    return true; // no storage: nothing kept
  }
}

// rnnPageLang is the language the app will choose (app/i18n.go, pickLang):
// the link's lang=, else the one chosen before in this browser, else the
// browser's first preference that is English or Korean, else English.
function rnnPageLang() {
  let stored = null;
  try {
    stored = localStorage.getItem("rnn-playground.lang");
  } catch { }
  for (const l of [new URLSearchParams(location.search).get("lang"), stored]) {
    if (l === "en" || l === "ko") {
      return l;
    }
  }
  for (const l of [...(navigator.languages || []), navigator.language]) {
    const primary = String(l || "").toLowerCase().split("-")[0];
    if (primary === "en" || primary === "ko") {
      return primary;
    }
  }
  return "en";
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
