type EmptyStateProps = { registryLocation: string };

export function EmptyState({ registryLocation }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-labelledby="empty-heading">
      <h2 id="empty-heading">No models yet</h2>
      <p>
        The registry at <code>{registryLocation}</code> has no published versions. Train the first model from the
        repository root:
      </p>
      <pre>
        <code>pnpm --filter @ganvas/trainer start</code>
      </pre>
      <p className="muted">
        Every run publishes a new version; reload this page when it is done. Set <code>GANVAS_REGISTRY</code> to read
        another registry (a folder, or a PostgreSQL database with S3-compatible storage).
      </p>
    </section>
  );
}
