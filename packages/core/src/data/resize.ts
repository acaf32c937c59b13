// Bilinear resizing of float HWC images in pure JS. When shrinking, the triangle filter is widened to
// the scale factor (as Pillow's BILINEAR does), so large photos average their pixels instead of aliasing.

interface AxisTaps {
  start: Int32Array;
  weights: Float32Array[];
}

function axisTaps(inSize: number, outSize: number): AxisTaps {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const start = new Int32Array(outSize);
  const weights: Float32Array[] = [];
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * scale;
    const lo = Math.max(0, Math.floor(center - filterScale + 0.5));
    const hi = Math.min(inSize, Math.floor(center + filterScale + 0.5));
    const w = new Float32Array(Math.max(hi - lo, 1));
    let sum = 0;
    for (let i = lo; i < hi; i++) {
      const weight = Math.max(0, 1 - Math.abs((i + 0.5 - center) / filterScale));
      w[i - lo] = weight;
      sum += weight;
    }
    if (sum > 0) {
      for (let k = 0; k < w.length; k++) w[k] = w[k]! / sum;
    } else {
      // Only reachable for degenerate sizes: fall back to the nearest pixel.
      w[0] = 1;
    }
    start[o] = Math.min(lo, inSize - 1);
    weights.push(w);
  }
  return { start, weights };
}

/**
 * Prepares a resize of HWC images (`width` x `height` x `channels`) to `outWidth` x `outHeight`; the
 * filter taps are computed once, so resizing many images of one size stays cheap.
 */
export function bilinearResizer(
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): (src: Float32Array) => Float32Array {
  if (width === outWidth && height === outHeight) return (src) => src.slice();
  const xTaps = axisTaps(width, outWidth);
  const yTaps = axisTaps(height, outHeight);
  const rowStride = outWidth * channels;

  const rows = new Float32Array(height * rowStride); // shared by all calls: each call is synchronous
  return (src) => {
    for (let y = 0; y < height; y++) {
      for (let ox = 0; ox < outWidth; ox++) {
        const x0 = xTaps.start[ox]!;
        const w = xTaps.weights[ox]!;
        for (let c = 0; c < channels; c++) {
          let acc = 0;
          for (let k = 0; k < w.length; k++) acc += w[k]! * src[(y * width + x0 + k) * channels + c]!;
          rows[y * rowStride + ox * channels + c] = acc;
        }
      }
    }
    const out = new Float32Array(outHeight * rowStride);
    for (let oy = 0; oy < outHeight; oy++) {
      const y0 = yTaps.start[oy]!;
      const w = yTaps.weights[oy]!;
      for (let i = 0; i < rowStride; i++) {
        let acc = 0;
        for (let k = 0; k < w.length; k++) acc += w[k]! * rows[(y0 + k) * rowStride + i]!;
        out[oy * rowStride + i] = acc;
      }
    }
    return out;
  };
}

/** Resizes one HWC image (`width` x `height` x `channels`) to `outWidth` x `outHeight`. */
export function resizeBilinear(
  src: Float32Array,
  width: number,
  height: number,
  channels: number,
  outWidth: number,
  outHeight: number,
): Float32Array {
  return bilinearResizer(width, height, channels, outWidth, outHeight)(src);
}
