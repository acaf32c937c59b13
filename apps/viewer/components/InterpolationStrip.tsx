import { ImageCanvas } from "@/components/ImageCanvas";
import type { InterpolationResult } from "@/lib/generator-session";

export type Endpoint = { name: string; caption: string };

type InterpolationStripProps = {
  /** Which generator drew it, where a page shows several; null or absent when there is one. */
  title?: string | null;
  rendered: InterpolationResult | null;
  frame: number;
  frameCount: number;
  start: Endpoint;
  end: Endpoint;
  /** Under the frame on show: where on the path it is. */
  frameCaption: string;
  testId?: string;
};

/** Both ends of a path and, between them, the frame on show. */
export function InterpolationStrip({
  title = null,
  rendered,
  frame,
  frameCount,
  start,
  end,
  frameCaption,
  testId = "interpolation",
}: InterpolationStripProps) {
  return (
    <div className="interpolation-strip" data-testid={testId} data-ready={rendered !== null}>
      {title !== null && <h3 className="strip-title">{title}</h3>}
      <figure>
        <ImageCanvas image={rendered?.endpoints[0] ?? null} label={start.name} data-testid="endpoint-a" />
        <figcaption>{start.caption}</figcaption>
      </figure>
      <figure>
        <ImageCanvas
          image={rendered?.frames[frame] ?? null}
          label={`Frame ${frame + 1} of ${frameCount} from ${start.name} to ${end.name}`}
          data-testid="interpolation-frame"
        />
        <figcaption>{frameCaption}</figcaption>
      </figure>
      <figure>
        <ImageCanvas image={rendered?.endpoints[1] ?? null} label={end.name} data-testid="endpoint-b" />
        <figcaption>{end.caption}</figcaption>
      </figure>
    </div>
  );
}
