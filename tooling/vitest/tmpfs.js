// Small tmpfs mounts for tests that need a full or a read-only disk. CI runs as root, where chmod does not
// stop writes, so a mount is the only honest way to get EROFS or ENOSPC. Where mounting is not permitted the
// caller skips its test with the reason this returns (never passes silently).
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function run(args) {
  execFileSync(args[0], args.slice(1), { stdio: ["ignore", "ignore", "pipe"] });
}

/** Mounts a tmpfs with `options` (e.g. "size=256k" or "size=1m,ro") on a new temporary folder. */
export function mountTmpfs(options) {
  const dir = mkdtempSync(join(tmpdir(), "ganvas-tmpfs-"));
  try {
    run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const detail = String(error.stderr ?? error.message).trim() || String(error.message);
    return { reason: `cannot mount a tmpfs here (${detail}): a full or read-only disk needs root with CAP_SYS_ADMIN` };
  }
  return {
    dir,
    remount: (more) => run(["mount", "-o", `remount,${more}`, dir]),
    unmount: () => {
      run(["umount", dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
