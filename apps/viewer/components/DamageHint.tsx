/** What to do about a version whose model files are missing or damaged: versions are immutable, so never "republish". */
export function DamageHint() {
  return (
    <p>
      Its model files are missing or damaged, so there is no generator to run. Versions are immutable: delete the
      version&apos;s folder from the registry, or open another version (move an alias away from it with the
      trainer&apos;s <code>registry alias &lt;model&gt; &lt;version&gt; &lt;alias&gt;</code>).
    </p>
  );
}
