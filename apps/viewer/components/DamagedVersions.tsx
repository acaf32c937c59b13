import type { RegistryProblem } from "@ganvas/registry";

type DamagedVersionsProps = { name: string; problems: RegistryProblem[] };

/**
 * What the gallery left out of a model: each damaged version with its file and problem, and alias problems.
 * Only the problem is shown, not the whole message: where a link out of the registry points stays on the server.
 */
export function DamagedVersions({ name, problems }: DamagedVersionsProps) {
  if (problems.length === 0) return null;
  return (
    <div role="alert" className="alert" data-testid="damaged-versions">
      <p>Not listed because the registry cannot vouch for them:</p>
      <ul>
        {problems.map((problem) => (
          <li key={`${problem.version ?? "aliases"}:${problem.file}:${problem.problem}`} data-testid="damaged-version">
            <strong>{problem.version === null ? "aliases" : `v${problem.version}`}</strong>: <code>{problem.file}</code>{" "}
            {problem.problem}
          </li>
        ))}
      </ul>
      <p>
        Versions are immutable: delete a damaged version&apos;s folder from the registry, and move an alias away from it
        with the trainer&apos;s <code>registry alias {name} &lt;version&gt; &lt;alias&gt;</code>.
      </p>
    </div>
  );
}
