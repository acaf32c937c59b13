/** What to do about a version whose model files are missing or damaged. */
export function RepublishHint() {
  return (
    <p>
      Its model files are missing or damaged, so there is no generator to run. Publish the model again with the trainer
      (<code>pnpm --filter @ganvas/trainer start</code>) or open another version.
    </p>
  );
}
