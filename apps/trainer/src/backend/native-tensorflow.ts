import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export type NativePackage = "@tensorflow/tfjs-node-gpu" | "@tensorflow/tfjs-node";

export type NativeLoadResult = { ok: true } | { ok: false; reason: string };

/**
 * Loads a tfjs-node package, which registers the "tensorflow" backend. Neither is installed by default: their
 * install step downloads libtensorflow, and where that failed pnpm still leaves the package on disk, without
 * its native binding. Requiring it then registers its kernels before throwing, so the binding is looked for
 * first, and any other failure is caught and turned into a reason the user can act on.
 */
export function loadNativeTensorflow(pkg: NativePackage): NativeLoadResult {
  let packageDir: string;
  try {
    packageDir = dirname(require.resolve(`${pkg}/package.json`));
  } catch {
    return { ok: false, reason: `${pkg} is not installed (${installHint(pkg)})` };
  }
  if (!hasNativeBinding(packageDir)) {
    return {
      ok: false,
      reason: `${pkg} is installed without its native binding: libtensorflow could not be downloaded at install time (${installHint(pkg)})`,
    };
  }
  try {
    require(pkg);
  } catch (error) {
    const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    return { ok: false, reason: `${pkg} failed to load: ${message} (${installHint(pkg)})` };
  }
  return { ok: true };
}

/** node-pre-gyp puts the addon at lib/napi-v<N>/tfjs_binding.node. */
function hasNativeBinding(packageDir: string): boolean {
  const lib = join(packageDir, "lib");
  if (!existsSync(lib)) return false;
  return readdirSync(lib).some((entry) => existsSync(join(lib, entry, "tfjs_binding.node")));
}

function installHint(pkg: NativePackage): string {
  const where = "on a machine that can download libtensorflow";
  const cuda = pkg === "@tensorflow/tfjs-node-gpu" ? "; it needs CUDA 11.2 and cuDNN 8.1 on the library path" : "";
  return `install it with \`pnpm --filter @ganvas/trainer add ${pkg}@4.22.0 --allow-build=${pkg}\` ${where}${cuda}`;
}
