/** Holds the training loop between steps while paused; stopping also opens it, so a paused run can end. */
export class PauseGate {
  private release: (() => void) | null = null;
  private pausedAt: number | null = null;
  private pausedMs = 0;

  get paused(): boolean {
    return this.pausedAt !== null;
  }

  pause(): void {
    this.pausedAt ??= performance.now();
  }

  resume(): void {
    if (this.pausedAt === null) return;
    this.pausedMs += performance.now() - this.pausedAt;
    this.pausedAt = null;
    this.release?.();
    this.release = null;
  }

  /** Resolves at once when running, else on resume(). */
  async wait(): Promise<void> {
    if (this.pausedAt === null) return;
    await new Promise<void>((resolve) => (this.release = resolve));
  }

  /** Milliseconds since `startedAt` that were not spent paused. */
  activeMs(startedAt: number): number {
    const now = performance.now();
    return now - startedAt - this.pausedMs - (this.pausedAt === null ? 0 : now - this.pausedAt);
  }
}
