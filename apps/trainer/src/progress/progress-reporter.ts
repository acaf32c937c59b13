import cliProgress from "cli-progress";

export interface StepProgress {
  epoch: number; // 0-based
  epochs: number;
  globalStep: number; // steps done, including those before a resume
  totalSteps: number;
  dLoss: number;
  gLoss: number;
  imagesPerSecond: number;
}

export interface ProgressReporter {
  step(progress: StepProgress): void;
  log(message: string): void;
  stop(): void;
}

/** A live bar on a terminal; plain, rate-limited log lines when stdout is a file or a pipe (CI, `| tee`). */
export function createProgressReporter(options: {
  startStep: number;
  totalSteps: number;
  interactive?: boolean;
}): ProgressReporter {
  const interactive = options.interactive ?? Boolean(process.stdout.isTTY);
  return interactive ? new BarReporter(options.startStep, options.totalSteps) : new LineReporter();
}

function format(p: StepProgress): Record<string, string> {
  return {
    epochLabel: `${p.epoch + 1}/${p.epochs}`,
    dLoss: p.dLoss.toFixed(3),
    gLoss: p.gLoss.toFixed(3),
    ips: p.imagesPerSecond.toFixed(1),
  };
}

class BarReporter implements ProgressReporter {
  private readonly bars = new cliProgress.MultiBar(
    {
      format:
        "epoch {epochLabel} |{bar}| step {value}/{total} | D {dLoss} G {gLoss} | {ips} img/s | ETA {eta_formatted}",
      barsize: 24,
      etaBuffer: 50,
      hideCursor: true,
      clearOnComplete: false,
    },
    cliProgress.Presets.shades_classic,
  );

  private readonly bar: cliProgress.SingleBar;

  constructor(startStep: number, totalSteps: number) {
    this.bar = this.bars.create(totalSteps, startStep, { epochLabel: "-", dLoss: "-", gLoss: "-", ips: "-" });
  }

  step(p: StepProgress): void {
    this.bar.update(p.globalStep, format(p));
  }

  log(message: string): void {
    // MultiBar prints above the bar without tearing it (a SingleBar cannot).
    this.bars.log(`${message}\n`);
  }

  stop(): void {
    this.bars.stop();
  }
}

class LineReporter implements ProgressReporter {
  private lastPrinted = 0;
  private readonly startedAt = Date.now();
  private firstStep: number | undefined;

  step(p: StepProgress): void {
    this.firstStep ??= p.globalStep - 1;
    const now = Date.now();
    const last = p.globalStep === p.totalSteps;
    if (!last && now - this.lastPrinted < 10_000 && p.globalStep - this.firstStep > 1) return;
    this.lastPrinted = now;
    const f = format(p);
    const done = p.globalStep - this.firstStep;
    const secondsPerStep = (now - this.startedAt) / 1000 / Math.max(done, 1);
    const eta = Math.round(secondsPerStep * (p.totalSteps - p.globalStep));
    console.log(
      `epoch ${f.epochLabel} step ${p.globalStep}/${p.totalSteps} D ${f.dLoss} G ${f.gLoss} ${f.ips} img/s ETA ${eta}s`,
    );
  }

  log(message: string): void {
    console.log(message);
  }

  stop(): void {}
}
