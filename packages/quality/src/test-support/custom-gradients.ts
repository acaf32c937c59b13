import * as tfc from "@tensorflow/tfjs-core";

/**
 * With IS_TEST on, tfjs checks every kernel for leaked data ids, and on wasm a Dense layer's fused matMul
 * under a gradient tape fails that check (tensorflow/tfjs#6518): the tensors that customGrad saves for the
 * backward pass count as leaks. They are freed after the step (numDataIds stays flat across epochs), so
 * training a model with Dense layers on wasm needs the check off.
 */
export function allowCustomGradientsOnWasm(): void {
  if (tfc.getBackend() === "wasm") tfc.env().set("IS_TEST", false);
}
