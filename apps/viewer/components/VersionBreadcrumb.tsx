import Link from "next/link";

type VersionBreadcrumbProps = {
  name: string;
  version: number;
  /** A page below the version's own (its latent tools); absent on the version page itself. */
  subpage?: string;
};

/** Gallery / model / version (/ subpage): the current page last, marked as such. */
export function VersionBreadcrumb({ name, version, subpage }: VersionBreadcrumbProps) {
  const versionText = `v${version}`;
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link href="/">Gallery</Link> / <Link href={`/?model=${encodeURIComponent(name)}`}>{name}</Link> /{" "}
      {subpage === undefined ? (
        <span aria-current="page">{versionText}</span>
      ) : (
        <>
          <Link href={`/models/${encodeURIComponent(name)}/${version}`}>{versionText}</Link> /{" "}
          <span aria-current="page">{subpage}</span>
        </>
      )}
    </nav>
  );
}
