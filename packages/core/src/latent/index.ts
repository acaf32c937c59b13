// `@ganvas/core/latent`: what sampling a trained generator in a browser needs, and nothing else (no models,
// training or kernels, so none of the embedded WebAssembly): latents from a seed, paths between them, and the
// generator's output as one picture; class codes for conditional generators, a looping walk and vector arithmetic.
export { sampleLatent } from "./sample";
export { interpolationPath } from "./interpolate";
export { classCode, classGridLatents, conditionalLatents, type ClassCode } from "./conditional";
export { latentArithmetic, latentMean } from "./arithmetic";
export { loopingWalk } from "./walk";
export { toImageGrid, type GridOptions, type ImageGrid } from "../images/grid";
