"use client";

import { useEffect, useRef } from "react";
import type { ComponentPropsWithoutRef } from "react";

type ImageCanvasProps = Omit<ComponentPropsWithoutRef<"canvas">, "children"> & {
  image: ImageData | null;
  label: string;
};

/** A canvas that shows one ImageData at its native size (CSS scales it up without smoothing, keeping its shape). */
export function ImageCanvas({ image, label, className, ...rest }: ImageCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !image) return;
    canvas.width = image.width;
    canvas.height = image.height;
    // A grid of one row per class is not square: keep the image's own proportions.
    canvas.style.aspectRatio = `${image.width} / ${image.height}`;
    canvas.getContext("2d")?.putImageData(image, 0, 0);
  }, [image]);

  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label={label}
      aria-busy={image === null}
      className={["pixel-canvas", className].filter(Boolean).join(" ")}
      {...rest}
    />
  );
}
