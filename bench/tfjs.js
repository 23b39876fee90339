// The TensorFlow.js anchor: the playground's model (Embedding → RNN/LSTM/GRU
// stack → Dense) written the way a web developer would with tf.layers, trained
// by tf.train.adam with PyTorch's settings on the batches cmd/browserbench
// sends, which are the ones our trainer cuts from the same text.
"use strict";

const backend = new URLSearchParams(location.search).get("backend") || "cpu";

// The wasm backend has no gradient kernel for gather (UnsortedSegmentSum is
// missing upstream), so an Embedding layer cannot train there: it gets one-hot
// vectors into a bias-free Dense layer instead, which computes the same x·W.
const oneHotInput = backend === "wasm";

function recurrentLayer(cell, h) {
  // PyTorch's gates use the logistic sigmoid; tf.layers defaults to hardSigmoid.
  const opts = { units: h, returnSequences: true, recurrentActivation: "sigmoid" };
  switch (cell) {
    case "RNN":
      return tf.layers.simpleRNN({ units: h, returnSequences: true, activation: "tanh" });
    case "LSTM":
      return tf.layers.lstm(opts);
    case "GRU":
      return tf.layers.gru(opts); // reset gate before the product (tf.layers has no resetAfter)
  }
  throw new Error("unknown cell " + cell);
}

async function newTrainer(spec) {
  const { V, E, H, L, T, B } = spec;
  const model = tf.sequential();
  if (oneHotInput) {
    model.add(tf.layers.dense({ units: E, useBias: false, inputShape: [T, V] }));
  } else {
    model.add(tf.layers.embedding({ inputDim: V, outputDim: E, inputLength: T }));
  }
  for (let l = 0; l < L; l++) model.add(recurrentLayer(spec.cell, H));
  model.add(tf.layers.dense({ units: V })); // logits (B, T, V)

  // torch.optim.Adam's defaults (TensorFlow's epsilon is 1e-7).
  const optimizer = tf.train.adam(spec.lr, 0.9, 0.999, 1e-8);
  const data = spec.batches.map((b) =>
    tf.tidy(() => {
      const ids = tf.tensor2d(b.inputs, [B, T], "int32");
      const x = oneHotInput ? tf.oneHot(ids, V).toFloat() : ids; // (B, T, V) or (B, T)
      const y = tf.oneHot(tf.tensor2d(b.targets, [B, T], "int32"), V).toFloat(); // (B, T, V)
      return { x: tf.keep(x), y: tf.keep(y) };
    }),
  );

  return {
    step(i) {
      const d = data[i % data.length];
      const loss = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(d.y, model.apply(d.x, { training: true })),
        true,
      );
      const v = loss.dataSync()[0]; // waits for the step to finish
      loss.dispose();
      return v;
    },
    dispose() {
      for (const d of data) tf.dispose([d.x, d.y]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

function loadScript(src) {
  return new Promise((resolve, reject) => {
    const s = document.createElement("script");
    s.src = src;
    s.onload = resolve;
    s.onerror = () => reject(new Error("could not load " + src));
    document.head.appendChild(s);
  });
}

window.bench.run = async (spec) => {
  const out = await benchMeasure(spec, newTrainer);
  out.tensorsLeft = tf.memory().numTensors;
  return out;
};

(async () => {
  try {
    if (backend === "wasm") {
      // Loaded only here, so the cpu page's download is TensorFlow.js alone.
      await loadScript("node_modules/@tensorflow/tfjs-backend-wasm/dist/tf-backend-wasm.min.js");
      tf.wasm.setWasmPaths("node_modules/@tensorflow/tfjs-backend-wasm/dist/");
    }
    if (!(await tf.setBackend(backend))) throw new Error("backend " + backend + " did not start");
    await tf.ready();
    const about = { library: "TensorFlow.js " + tf.version.tfjs, backend: tf.getBackend() };
    if (backend === "wasm") {
      about.simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
      about.threads = await tf.env().getAsync("WASM_HAS_MULTITHREAD_SUPPORT");
    }
    document.getElementById("status").textContent = about.library + " (" + about.backend + ") ready";
    benchReady(about);
  } catch (err) {
    benchFailed(err);
  }
})();
