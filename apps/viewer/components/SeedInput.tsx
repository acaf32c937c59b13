"use client";

import { useId } from "react";
import { MAX_SEED } from "@/lib/seed";

/** Controlled (value and onChange), or a plain form field (name and defaultValue) that a GET form submits. */
type SeedInputProps = { label: string } & (
  | { value: string; onChange: (value: string) => void; name?: never; defaultValue?: never }
  | { name: string; defaultValue: string; value?: never; onChange?: never }
);

/** A labelled whole-number field for a latent seed (0 to 2^31 - 1). */
export function SeedInput({ label, value, onChange, name, defaultValue }: SeedInputProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SEED}
        step={1}
        value={value}
        defaultValue={defaultValue}
        onChange={onChange && ((event) => onChange(event.target.value))}
      />
    </>
  );
}
