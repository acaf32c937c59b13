import { ImageCanvas } from "@/components/ImageCanvas";
import type { ArithmeticResult as Result } from "@/lib/generator-session";

type ArithmeticResultProps = { result: Result | null; complete: boolean };

/** The paper's equation in pictures: mean A − mean B + mean C = result. */
export function ArithmeticResult({ result, complete }: ArithmeticResultProps) {
  if (!complete) return <p className="muted">Pick at least one sample into each of A, B and C.</p>;
  const terms = [
    { sign: "", name: "mean of A", image: result?.means[0] },
    { sign: "−", name: "mean of B", image: result?.means[1] },
    { sign: "+", name: "mean of C", image: result?.means[2] },
    { sign: "=", name: "A − B + C", image: result?.result },
  ];
  return (
    <div className="arithmetic-equation" data-testid="arithmetic-result" data-ready={result !== null}>
      {terms.map(({ sign, name, image }) => (
        <figure key={name} data-testid={name === "A − B + C" ? "arithmetic-answer" : undefined}>
          {sign && (
            <span className="arithmetic-sign" aria-hidden>
              {sign}
            </span>
          )}
          <ImageCanvas image={image ?? null} label={name} />
          <figcaption>{name}</figcaption>
        </figure>
      ))}
      {result && <p className="muted arithmetic-time">Drawn in {Math.round(result.ms)} ms</p>}
    </div>
  );
}
