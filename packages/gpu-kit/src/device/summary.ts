import { readFileSync } from "node:fs";

type Figures = {
  adapter?: { summary: string; software: boolean } | null;
  checks?: { passed: boolean; error?: string };
  stepTime?: Record<string, { ok: boolean; medianMs?: number; imagesPerSecond?: number; error?: string }>;
  pytorchCuda?: Record<string, { ok: boolean; medianMs?: number; error?: string }> | { ok: false; error: string };
  training?: Record<
    string,
    {
      ok: boolean;
      model?: string;
      steps?: number;
      wallTimeSeconds?: number;
      imagesPerSecond?: number;
      finalDLoss?: number;
      finalGLoss?: number;
      error?: string;
    }
  >;
  stages?: { name: string; status: string; seconds: number }[];
};

const ms = (value: number | undefined) => (value === undefined ? "-" : `${value.toFixed(1)} ms`);

/** A few lines for the end of the log (the part of the output a remote caller sees first). */
export function summarize(path: string): string {
  const f = JSON.parse(readFileSync(path, "utf8")) as Figures;
  const lines = [`adapter: ${f.adapter ? `${f.adapter.summary}${f.adapter.software ? " (software)" : ""}` : "none"}`];
  lines.push(
    `checks against cpu: ${f.checks?.passed ? "passed" : `FAILED${f.checks?.error ? ` (${f.checks.error})` : ""}`}`,
  );
  for (const [preset, t] of Object.entries(f.stepTime ?? {})) {
    lines.push(
      `step ${preset} webgpu: ${t.ok ? `${ms(t.medianMs)} median, ${t.imagesPerSecond?.toFixed(0)} images/s` : t.error}`,
    );
  }
  const torch = f.pytorchCuda ?? { ok: false, error: "not measured" };
  if ("ok" in torch && torch.ok === false && typeof torch.error === "string")
    lines.push(`pytorch cuda: ${torch.error}`);
  else
    for (const [preset, t] of Object.entries(
      torch as Record<string, { ok: boolean; medianMs?: number; error?: string }>,
    ))
      lines.push(`step ${preset} pytorch cuda: ${t.ok ? `${ms(t.medianMs)} median` : t.error}`);
  for (const [preset, t] of Object.entries(f.training ?? {})) {
    lines.push(
      `train ${preset}: ${t.ok ? `${t.model}, ${t.steps} steps in ${t.wallTimeSeconds} s (${t.imagesPerSecond} images/s), final D ${t.finalDLoss?.toFixed(3)} G ${t.finalGLoss?.toFixed(3)}` : t.error}`,
    );
  }
  lines.push(`stages: ${(f.stages ?? []).map((s) => `${s.name} ${s.status} ${s.seconds}s`).join(", ")}`);
  return lines.join("\n");
}
