import type { ModelSummary } from "@ganvas/registry";
import { SeedInput } from "@/components/SeedInput";
import { formatVersionRef } from "@/lib/compare-pair";

type ComparePickerProps = {
  models: ModelSummary[];
  /** The refs (model@version) selected now, if any. */
  a: string | null;
  b: string | null;
  seed: number;
};

/** What a version is called in the picker: its ref and the facts that decide whether it pairs with another. */
function optionText(record: ModelSummary["versions"][number]): string {
  const { model } = record.manifest;
  const ref = formatVersionRef(record.name, record.version);
  if (model.architecture !== "dcgan") return `${ref} (classifier)`;
  const conditional = model.numClasses ? `, ${model.numClasses} classes` : "";
  return `${ref} (${model.imageSize}×${model.imageSize}, z ${model.zDim}${conditional})`;
}

function VersionSelect({
  name,
  label,
  models,
  selected,
}: {
  name: string;
  label: string;
  models: ModelSummary[];
  selected: string | null;
}) {
  const id = `compare-${name}`;
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={selected ?? undefined} required>
        {models.map((model) => (
          <optgroup key={model.name} label={model.name}>
            {[...model.versions].reverse().map((record) => (
              <option key={record.version} value={formatVersionRef(record.name, record.version)}>
                {optionText(record)}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}

/** A plain GET form: submitting it opens /compare?a=…&b=…&seed=…, the same URL a shared link holds. */
export function ComparePicker({ models, a, b, seed }: ComparePickerProps) {
  return (
    <form className="controls compare-picker" method="get" action="/compare" aria-label="Versions to compare">
      <VersionSelect name="a" label="Version A" models={models} selected={a} />
      <VersionSelect name="b" label="Version B" models={models} selected={b} />
      <SeedInput label="Seed" name="seed" defaultValue={String(seed)} />
      <button type="submit">Compare</button>
    </form>
  );
}
