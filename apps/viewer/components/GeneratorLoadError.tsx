import { DamageHint } from "@/components/DamageHint";

type GeneratorLoadErrorProps = { message: string; title?: string };

/** Why a generator could not be loaded into the browser. */
export function GeneratorLoadError({ message, title = "The generator could not be loaded" }: GeneratorLoadErrorProps) {
  return (
    <div role="alert" className="alert alert-block" data-testid="model-error">
      <h2>{title}</h2>
      <p>{message}</p>
      <DamageHint />
    </div>
  );
}
