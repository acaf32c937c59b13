"use client";

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { LossPoint } from "@ganvas/registry";

/** A step to mark with a vertical line (the epoch whose grid is on show). */
type StepMarker = { step: number; label: string };
type LossChartProps = { points: LossPoint[]; totalPoints: number; marker?: StepMarker };

const formatLoss = (value: unknown) => (typeof value === "number" ? value.toFixed(4) : String(value));

export function LossChart({ points, totalPoints, marker }: LossChartProps) {
  const firstStep = points[0]?.step ?? 0;
  const lastStep = points.at(-1)?.step ?? 0;
  return (
    <figure className="loss-chart" data-testid="loss-chart" data-marked-step={marker?.step}>
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
            label={{ value: "loss", angle: -90, position: "insideLeft", fill: "var(--muted)" }}
          />
          <Tooltip formatter={formatLoss} labelFormatter={(step) => `step ${String(step)}`} />
          <Legend verticalAlign="top" height={28} />
          <Line
            type="monotone"
            dataKey="dLoss"
            name="Discriminator (D)"
            stroke="var(--accent)"
            dot={false}
            isAnimationActive={false}
          />
          <Line
            type="monotone"
            dataKey="gLoss"
            name="Generator (G)"
            stroke="var(--accent-2)"
            dot={false}
            isAnimationActive={false}
          />
          {marker && (
            <ReferenceLine
              x={marker.step}
              stroke="var(--text)"
              strokeDasharray="4 3"
              // The label sits on the side of the line with room for it: left of a step in the second half.
              label={{
                value: marker.label,
                position: marker.step > (firstStep + lastStep) / 2 ? "insideTopRight" : "insideTopLeft",
                fill: "var(--muted)",
                fontSize: 12,
              }}
            />
          )}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="muted">
        Losses of D and G per training step
        {points.length < totalPoints
          ? ` (${points.length} of ${totalPoints} points shown)`
          : ` (${totalPoints} points)`}
        .
      </figcaption>
    </figure>
  );
}
