import { SeedInput } from "@/components/SeedInput";
import type { SeedState } from "@/lib/use-seed";

type SeedControlsProps = {
  seed: SeedState;
  disabled: boolean;
  /** The field's label, where a page has more than one seed. */
  label?: string;
  /** The random-seed button's text. */
  renewLabel?: string;
};

/** The seed field with Generate (apply it: the form's submit) and a button that draws a random seed. */
export function SeedControls({ seed, disabled, label = "Seed", renewLabel = "New samples" }: SeedControlsProps) {
  return (
    <>
      <SeedInput label={label} value={seed.draft} onChange={seed.setDraft} />
      <button type="submit" disabled={disabled}>
        Generate
      </button>
      <button type="button" onClick={seed.renew} disabled={disabled}>
        {renewLabel}
      </button>
    </>
  );
}
