"use client";

import { GROUPS } from "@/lib/latent-groups";
import type { GroupName, Groups } from "@/lib/latent-groups";

type GroupChooserProps = { active: GroupName; onChange: (group: GroupName) => void; groups: Groups };

/** Which group a clicked sample joins, with each group's size. */
export function GroupChooser({ active, onChange, groups }: GroupChooserProps) {
  return (
    <fieldset className="controls group-chooser">
      <legend>Clicked samples join group</legend>
      {GROUPS.map((name) => (
        <label key={name} className={`group-option group-${name}`}>
          <input
            type="radio"
            name="latent-group"
            value={name}
            checked={active === name}
            onChange={() => onChange(name)}
          />
          {name.toUpperCase()} ({groups[name].length})
        </label>
      ))}
    </fieldset>
  );
}
