// Saves pixels as a PNG file through the browser's own encoder (canvas.toBlob).
import { downloadBlob } from "@/lib/download-blob";

export async function downloadPng(image: ImageData, filename: string): Promise<void> {
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  if (!context) throw new Error("This browser cannot draw on a canvas.");
  context.putImageData(image, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
  if (!blob) throw new Error("The browser could not encode the PNG.");
  downloadBlob(blob, filename);
}
