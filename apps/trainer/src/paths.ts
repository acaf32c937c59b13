import { homedir } from "node:os";
import { join } from "node:path";

/** Where downloaded data sets are kept between runs: $GANVAS_CACHE, else $XDG_CACHE_HOME/ganvas, else ~/.cache/ganvas. */
export function defaultCacheDir(): string {
  return process.env.GANVAS_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "ganvas");
}
