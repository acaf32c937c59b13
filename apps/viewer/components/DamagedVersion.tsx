import Link from "next/link";
import { DamageHint } from "@/components/DamageHint";

type DamagedVersionProps = { name: string; version: string; message: string };

/** A version whose files the registry cannot vouch for (e.g. a missing weights file). */
export function DamagedVersion({ name, version, message }: DamagedVersionProps) {
  return (
    <>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Gallery</Link> / {name} / <span aria-current="page">{version}</span>
      </nav>
      <div role="alert" className="alert alert-block" data-testid="model-error">
        <h1>
          {name} {version} cannot be loaded
        </h1>
        <p>{message}</p>
        <DamageHint />
      </div>
    </>
  );
}
