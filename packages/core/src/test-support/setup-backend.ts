// Vitest setup: every test file runs on the backend its project names (GANVAS_TEST_BACKEND), with the
// composed training kernels registered, as the trainer app does.
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import "@tensorflow/tfjs-backend-wasm";
// tfjs-layers registers tfjs-core's gradient functions (tfjs-core alone ships none in its Node build).
import "@tensorflow/tfjs-layers";
import { registerTrainingKernels } from "../kernels/register";

const backend = process.env.GANVAS_TEST_BACKEND ?? "cpu";
// Quiets the cpu backend's one-time "install tfjs-node" hint.
tf.env().set("PROD", true);
registerTrainingKernels(backend);
if (!(await tf.setBackend(backend))) {
  throw new Error(`Could not start the tfjs '${backend}' backend for the tests.`);
}
