export type TmpfsMount = {
  dir: string;
  /** `mount -o remount,<options>`, e.g. "ro" once the test has written what it needs. */
  remount(options: string): void;
  /** Unmounts and removes the folder. */
  unmount(): void;
};

/** A tmpfs mounted on a new temporary folder, or the reason mounting is not permitted here. */
export function mountTmpfs(options: string): TmpfsMount | { reason: string; dir?: undefined };
