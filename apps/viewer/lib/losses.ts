// The trainer's loss history (losses.json, role 'losses'), read through the registry and checked.
import { type LossPoint, type VersionRecord, lossHistorySchema } from "@ganvas/registry";
import { downsample } from "@/lib/downsample";
import { fileWithRole } from "@/lib/manifest-files";
import { getRegistry } from "@/lib/registry-server";

export type LossHistory =
  | { status: "ok"; points: LossPoint[]; totalPoints: number }
  | { status: "missing" }
  | { status: "unreadable"; message: string };

export async function readLossHistory(record: VersionRecord): Promise<LossHistory> {
  const entry = fileWithRole(record.manifest, "losses");
  if (!entry) return { status: "missing" };
  try {
    const { bytes } = await (await getRegistry()).readFile(record.name, record.version, entry.path);
    const parsed = lossHistorySchema.safeParse(JSON.parse(Buffer.from(bytes).toString("utf8")));
    if (!parsed.success) {
      return { status: "unreadable", message: `${entry.path} is not a list of { step, dLoss, gLoss }.` };
    }
    return { status: "ok", points: downsample(parsed.data), totalPoints: parsed.data.length };
  } catch (error) {
    return { status: "unreadable", message: `${entry.path} could not be read: ${(error as Error).message}` };
  }
}
