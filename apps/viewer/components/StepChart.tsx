"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export type ChartSeries<Point> = { key: keyof Point & string; name: string; color: string };

type StepChartProps<Point extends { step: number }> = {
  points: Point[];
  series: ChartSeries<Point>[];
  yLabel: string;
  yDomain?: [number, number];
  caption: string;
  testId: string;
};

const formatValue = (value: unknown) => (typeof value === "number" ? value.toFixed(4) : String(value));

/** Values per training step, one line per series (no animation: the chart redraws as points arrive). */
export function StepChart<Point extends { step: number }>(props: StepChartProps<Point>) {
  const { points, series, yLabel, yDomain, caption, testId } = props;
  return (
    <figure className="loss-chart" data-testid={testId} data-points={points.length}>
      <ResponsiveContainer width="100%" height={300}>
        <LineChart data={points} margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
          <XAxis
            dataKey="step"
            type="number"
            domain={["dataMin", "dataMax"]}
            allowDecimals={false}
            stroke="var(--muted)"
            label={{ value: "training step", position: "insideBottom", offset: -12, fill: "var(--muted)" }}
          />
          <YAxis
            stroke="var(--muted)"
            domain={yDomain ?? ["auto", "auto"]}
            label={{ value: yLabel, angle: -90, position: "insideLeft", fill: "var(--muted)" }}
          />
          <Tooltip formatter={formatValue} labelFormatter={(step) => `step ${String(step)}`} />
          <Legend verticalAlign="top" height={28} />
          {series.map(({ key, name, color }) => (
            <Line
              key={key}
              type="monotone"
              dataKey={key}
              name={name}
              stroke={color}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted">{caption}</figcaption>
    </figure>
  );
}
