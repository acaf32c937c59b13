import type { KernelBackend, KernelFunc, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs-core";

/*
 * Typed kernel arguments, as tfjs's own backends declare them (`LeakyReluInputs`, `LeakyReluAttrs`). tfjs
 * hands every kernel a map of optional inputs and untyped attrs; these read the inputs a kernel declares,
 * each checked present (a missing one is an error that names the kernel and the input, not a crash further
 * on), and take the attrs as the kernel declares them: what its callers passed to runKernel.
 */

/** A kernel's inputs by name, all present. */
export type KernelInputs<Name extends string> = Record<Name, TensorInfo>;

export type KernelArgs<Inputs, Attrs> = { inputs: Inputs; attrs: Attrs; backend: KernelBackend };
export type TypedKernelFunc<Inputs, Attrs> = (args: KernelArgs<Inputs, Attrs>) => TensorInfo | TensorInfo[];

/** Reads a kernel's inputs out of tfjs's map (some kernels' inputs depend on their attrs). */
export type InputReader<Inputs, Attrs> = (inputs: NamedTensorInfoMap, attrs: Attrs) => Inputs;

/** The input `name` of a call to `kernelName`, or a clear error where the caller left it out. */
export function requireInput(kernelName: string, inputs: NamedTensorInfoMap, name: string): TensorInfo {
  const info = inputs[name];
  if (info === undefined) throw new Error(`${kernelName} was called without its input '${name}'.`);
  return info;
}

/** A reader of the inputs `names`, each required. */
export function namedInputs<const Names extends readonly string[]>(
  kernelName: string,
  names: Names,
): (inputs: NamedTensorInfoMap) => KernelInputs<Names[number]> {
  return (inputs) => {
    const named: Partial<Record<string, TensorInfo>> = {};
    for (const name of names) named[name] = requireInput(kernelName, inputs, name);
    return named as KernelInputs<Names[number]>;
  };
}

/** The tfjs KernelFunc of a typed kernel. */
export function kernelFunc<Inputs, Attrs>(
  readInputs: InputReader<Inputs, Attrs>,
  kernel: TypedKernelFunc<Inputs, Attrs>,
): KernelFunc {
  return ({ inputs, attrs, backend }) => {
    const typedAttrs = attrs as unknown as Attrs;
    return kernel({ inputs: readInputs(inputs, typedAttrs), attrs: typedAttrs, backend: backend as KernelBackend });
  };
}
