import type { GeneratorSession } from "@/lib/generator-session";

type BackendStatusProps = { session: GeneratorSession | null };

/** Which tfjs backend runs the generator, and why; a loading line until it runs. */
export function BackendStatus({ session }: BackendStatusProps) {
  return (
    <p
      className="backend-status"
      data-testid="backend-status"
      data-backend={session?.backend.backend}
      aria-live="polite"
    >
      {session ? (
        <>
          Running on <strong>{session.backend.backend}</strong>{" "}
          <span className="muted">— {session.backend.reason}</span>
        </>
      ) : (
        "Loading the generator into the browser…"
      )}
    </p>
  );
}
