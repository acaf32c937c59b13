import type { Manifest } from "@ganvas/registry";
import { QUALITY_LABEL } from "@/lib/quality";

type QualityScoreProps = { quality: NonNullable<Manifest["metrics"]["quality"]> };

/**
 * The score as a dt/dd pair, always with its label (the number means nothing next to Inception FIDs) and,
 * where the version has it, beside the real-data floor: 40 reads as "2.5x what real images score".
 */
export function QualityScore({ quality }: QualityScoreProps) {
  const floor = quality.realDataFloor;
  return (
    <>
      <dt>Quality</dt>
      <dd>
        <span className="quality-value">{quality.value.toFixed(2)}</span>{" "}
        <span className="muted">
          {QUALITY_LABEL}, {quality.samples} samples, lower is better
        </span>
        {floor !== undefined && floor > 0 && (
          <span className="quality-floor" data-testid="quality-floor">
            {" "}
            · <strong>{(quality.value / floor).toFixed(1)}×</strong> the real-data floor{" "}
            <span className="muted">(real training images score {floor.toFixed(2)})</span>
          </span>
        )}
      </dd>
    </>
  );
}
