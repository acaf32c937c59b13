import type { Manifest } from "@ganvas/registry";
import { QUALITY_LABEL } from "@/lib/quality";

type QualityScoreProps = { quality: NonNullable<Manifest["metrics"]["quality"]> };

/** The score as a dt/dd pair, always with its label: the number means nothing next to Inception FIDs. */
export function QualityScore({ quality }: QualityScoreProps) {
  return (
    <>
      <dt>Quality</dt>
      <dd>
        <span className="quality-value">{quality.value.toFixed(2)}</span>{" "}
        <span className="muted">
          {QUALITY_LABEL}, {quality.samples} samples, lower is better
        </span>
      </dd>
    </>
  );
}
