import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-wasm";
import "@tensorflow/tfjs-layers";
import { DcganTrainer, registerTrainingKernels } from "@ganvas/core";
import { registerOnnxKernels } from "../src/index";
tf.env().set("PROD", true);
await tf.setBackend("wasm"); registerTrainingKernels("wasm"); registerOnnxKernels("wasm");
const log: string[] = [];
for (const name of ["Conv2DBackpropFilter", "Conv2DBackpropInput", "Conv2D", "FusedConv2D"]) {
  const k = tf.getKernel(name, "wasm")!; tf.unregisterKernel(name, "wasm");
  tf.registerKernel({ ...k, kernelFunc: (args) => { const i = args.inputs as any; log.push(`${name} ${JSON.stringify(Object.values(i).map((t: any) => t?.shape))}`); return k.kernelFunc(args); } });
}
const config = { imageSize: 32, channels: 1 as const, zDim: 100, generatorWidth: 16, discriminatorWidth: 16 };
const real = tf.tidy(() => tf.sub(tf.mul(tf.randomUniform([64, 32, 32, 1], 0, 1, "float32", 7), 2), 1)) as tf.Tensor4D;
const trainer = new DcganTrainer({ config, seed: 1 });
trainer.step(real); log.length = 0; trainer.step(real);
console.log(log.join("\n"));
