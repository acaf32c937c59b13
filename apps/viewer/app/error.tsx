"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <section className="empty-state" aria-labelledby="error-heading">
      <h1 id="error-heading">Something went wrong</h1>
      <p role="alert" className="alert">
        This page could not be rendered: {error.message}
        {error.digest && <span className="muted"> (server log reference {error.digest})</span>}
      </p>
      <button type="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
