"use client";

import { useId } from "react";
import { MAX_SEED } from "@/lib/seed";

type SeedInputProps = { label: string; value: string; onChange: (value: string) => void };

/** A labelled whole-number field for a latent seed (0 to 2^31 - 1). */
export function SeedInput({ label, value, onChange }: SeedInputProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_SEED}
        step={1}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}
