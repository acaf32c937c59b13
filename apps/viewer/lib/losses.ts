// The trainer's loss history (losses.json, role 'losses'), read through the registry and checked.
import { type LossPoint, type VersionRecord, lossHistorySchema } from "@ganvas/registry";
import { fileWithRole } from "@/lib/manifest-files";
import { getRegistry } from "@/lib/registry-server";

export type LossHistory =
  | { status: "ok"; points: LossPoint[]; totalPoints: number }
  | { status: "missing" }
  | { status: "unreadable"; message: string };

/** Enough points to draw a curve; more only slows the chart down. */
const MAX_CHART_POINTS = 400;

export async function readLossHistory(record: VersionRecord): Promise<LossHistory> {
  const entry = fileWithRole(record.manifest, "losses");
  if (!entry) return { status: "missing" };
  try {
    const { bytes } = await (await getRegistry()).readFile(record.name, record.version, entry.path);
    const parsed = lossHistorySchema.safeParse(JSON.parse(Buffer.from(bytes).toString("utf8")));
    if (!parsed.success) {
      return { status: "unreadable", message: `${entry.path} is not a list of { step, dLoss, gLoss }.` };
    }
    return { status: "ok", points: downsample(parsed.data, MAX_CHART_POINTS), totalPoints: parsed.data.length };
  } catch (error) {
    return { status: "unreadable", message: `${entry.path} could not be read: ${(error as Error).message}` };
  }
}

/** Every k-th point plus the last one, so the chart keeps the curve's shape and its end. */
function downsample(points: LossPoint[], limit: number): LossPoint[] {
  if (points.length <= limit) return points;
  const stride = Math.ceil(points.length / limit);
  const kept = points.filter((_, index) => index % stride === 0);
  const last = points[points.length - 1];
  if (last && kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}
