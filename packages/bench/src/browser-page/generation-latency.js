// Runs in headless Chromium: times a generator's predict() for several batch sizes on one tfjs backend.
/* global tf, window, document, console, performance */

async function activateBackend(name) {
  if (name === "wasm") {
    // Single-threaded (SIMD) wasm: the threaded build hung in our tests, and needs cross-origin isolation anyway.
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    tf.wasm.setWasmPaths("/tfjs-backend-wasm/");
  }
  if (!(await tf.setBackend(name))) throw new Error(`the ${name} backend failed to initialise in the browser`);
  await tf.ready();
}

function webglRenderer() {
  const gl = document.createElement("canvas").getContext("webgl");
  if (!gl) return null;
  const info = gl.getExtension("WEBGL_debug_renderer_info");
  return info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER);
}

/** Milliseconds of each measured call, by batch size, for one model. */
async function timeModel(modelUrl, label, imageCounts, warmup, repeats) {
  const model = await tf.loadLayersModel(modelUrl);
  const zDim = model.inputs[0].shape[1];
  const samplesByCount = {};
  for (const count of imageCounts) {
    const z = tf.randomNormal([count, zDim]);
    const samples = [];
    for (let i = 0; i < warmup + repeats; i++) {
      const start = performance.now();
      const images = model.predict(z);
      await images.data(); // the values are on the CPU side: what drawing them needs
      const elapsed = performance.now() - start;
      images.dispose();
      if (i >= warmup) samples.push(elapsed);
      console.log(`${label} x${count} ${i < warmup ? "warm-up" : "run"} ${i + 1}: ${Math.round(elapsed)} ms`);
    }
    z.dispose();
    samplesByCount[count] = samples;
  }
  model.dispose();
  return samplesByCount;
}

window.ganvasGenerationLatency = async function ({ backend, models, imageCounts, warmup, repeats }) {
  await activateBackend(backend);
  const byModel = {};
  for (const [name, url] of Object.entries(models)) {
    byModel[name] = await timeModel(url, `${backend}/${name}`, imageCounts, warmup, repeats);
  }
  return { backend: tf.getBackend(), renderer: backend === "webgl" ? webglRenderer() : null, byModel };
};
