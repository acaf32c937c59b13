import Link from "next/link";
import type { VersionRecord } from "@ganvas/registry";

type VersionSwitcherProps = { name: string; versions: VersionRecord[]; current: number };

export function VersionSwitcher({ name, versions, current }: VersionSwitcherProps) {
  if (versions.length < 2) return null;
  return (
    <nav className="version-switcher" aria-label={`Versions of ${name}`}>
      <span className="muted">Versions:</span>
      <ul>
        {versions.map(({ version }) => (
          <li key={version}>
            <Link
              href={`/models/${encodeURIComponent(name)}/${version}`}
              aria-current={version === current ? "page" : undefined}
            >
              v{version}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
