import Link from "next/link";

export default function NotFound() {
  return (
    <section className="empty-state" aria-labelledby="not-found-heading">
      <h1 id="not-found-heading">Not found</h1>
      <p>There is no such model or version in the registry.</p>
      <p>
        <Link href="/">Back to the gallery</Link>
      </p>
    </section>
  );
}
