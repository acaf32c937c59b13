"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { className } from "@/lib/class-names";

type ModeCoverageChartProps = { histogram: number[]; evaluator: string; classNames?: string[] };

/**
 * How often the evaluator sees each class among the generated samples: an even spread means the generator
 * covers every mode of the data; empty bars are classes it never draws (mode collapse).
 */
export function ModeCoverageChart({ histogram, evaluator, classNames }: ModeCoverageChartProps) {
  const total = histogram.reduce((sum, count) => sum + count, 0);
  const data = histogram.map((count, label) => ({ label: className(classNames, label), count }));
  // Names such as "Ankle boot" are set at an angle so that ten of them fit under the bars.
  const named = data.some((bar) => bar.label.length > 2);
  const missing = data.filter((bar) => bar.count === 0).map((bar) => bar.label);
  return (
    <figure className="loss-chart" data-testid="mode-coverage">
      <ResponsiveContainer width="100%" height={named ? 260 : 220}>
        <BarChart data={data} margin={{ top: 8, right: 24, bottom: named ? 56 : 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis
            dataKey="label"
            stroke="var(--muted)"
            interval={0}
            angle={named ? -35 : 0}
            textAnchor={named ? "end" : "middle"}
            height={named ? 64 : 30}
            label={{
              value: "predicted class",
              position: "insideBottom",
              offset: named ? -48 : -12,
              fill: "var(--muted)",
            }}
          />
          <YAxis allowDecimals={false} stroke="var(--muted)" />
          <Tooltip
            formatter={(value) => [`${String(value)} of ${total} samples`, "count"]}
            labelFormatter={(label) => `class ${String(label)}`}
          />
          <Bar dataKey="count" name="samples" fill="var(--accent)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        Classes that {evaluator} predicts for {total} generated samples
        {missing.length > 0 ? `; never drawn: ${missing.join(", ")}` : "; every class appears"}.
      </figcaption>
    </figure>
  );
}
