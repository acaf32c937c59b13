"use client";

import { useId } from "react";
import { ALL_CLASSES } from "@/lib/class-choice";
import type { ClassChoice } from "@/lib/class-choice";

type ClassPickerProps = {
  label: string;
  /** The conditional generator's class names, label by label. */
  classes: readonly string[];
  value: ClassChoice;
  onChange: (value: ClassChoice) => void;
  /** Offer "All classes": one row per class on shared noise. */
  allowAll?: boolean;
  disabled?: boolean;
};

/** A labelled choice of the class a conditional generator draws. */
export function ClassPicker({ label, classes, value, onChange, allowAll = false, disabled = false }: ClassPickerProps) {
  const id = useId();
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={String(value)}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value === ALL_CLASSES ? ALL_CLASSES : Number(event.target.value))}
      >
        {allowAll && <option value={ALL_CLASSES}>All classes (a row each)</option>}
        {classes.map((name, label) => (
          <option key={label} value={label}>
            {name === String(label) ? name : `${label}: ${name}`}
          </option>
        ))}
      </select>
    </>
  );
}
