/**
 * Data movement for the composed kernels, in plain loops. The wasm backend's Transpose and Reverse run a
 * generic index loop that was measured 4 to 6 times slower than these (for the shapes a DCGAN step moves).
 */

/**
 * A conv filter (KH, KW, Cin, Cout) regrouped for the phases of a stride-(sh, sw) transposed conv:
 * (J, Jw, Cout, sh * sw * Cin) with J = ceil(KH / sh), where tap (jh, jw) of phase (ph, pw) holds the
 * original tap (ph + sh * (J - 1 - jh), pw + sw * (Jw - 1 - jw)), flipped so that a correlation applies it,
 * and zero where that tap lies outside the kernel.
 */
export function phaseFilter(
  values: Float32Array,
  [kernelHeight, kernelWidth, inChannels, outChannels]: readonly [number, number, number, number],
  strideHeight: number,
  strideWidth: number,
): { values: Float32Array; shape: [number, number, number, number] } {
  const tapsHigh = Math.ceil(kernelHeight / strideHeight);
  const tapsWide = Math.ceil(kernelWidth / strideWidth);
  const phaseChannels = strideHeight * strideWidth * inChannels;
  const out = new Float32Array(tapsHigh * tapsWide * outChannels * phaseChannels);
  let o = 0;
  for (let jh = 0; jh < tapsHigh; jh++) {
    for (let jw = 0; jw < tapsWide; jw++) {
      for (let co = 0; co < outChannels; co++) {
        for (let ph = 0; ph < strideHeight; ph++) {
          const kh = ph + strideHeight * (tapsHigh - 1 - jh);
          for (let pw = 0; pw < strideWidth; pw++) {
            const kw = pw + strideWidth * (tapsWide - 1 - jw);
            if (kh >= kernelHeight || kw >= kernelWidth) {
              o += inChannels; // stays zero
              continue;
            }
            let i = (kh * kernelWidth + kw) * inChannels * outChannels + co;
            for (let ci = 0; ci < inChannels; ci++, i += outChannels) out[o++] = values[i]!;
          }
        }
      }
    }
  }
  return { values: out, shape: [tapsHigh, tapsWide, outChannels, phaseChannels] };
}

/**
 * Spreads a phase grid (N, A, B, sh * sw * C) into space and crops it: out[n, h, w, c] is the grid's
 * [n, u, v, (ph * sw + pw) * C + c] where h + top = u * sh + ph and w + left = v * sw + pw.
 */
export function interleavePhases(
  values: Float32Array,
  gridShape: readonly number[],
  strideHeight: number,
  strideWidth: number,
  crop: { top: number; left: number; height: number; width: number },
): Float32Array {
  const [batch = 0, gridRows = 0, gridCols = 0, phaseChannels = 0] = gridShape;
  const channels = phaseChannels / (strideHeight * strideWidth);
  const out = new Float32Array(batch * crop.height * crop.width * channels);
  let o = 0;
  for (let n = 0; n < batch; n++) {
    for (let h = 0; h < crop.height; h++) {
      const u = Math.floor((h + crop.top) / strideHeight);
      const ph = (h + crop.top) % strideHeight;
      for (let w = 0; w < crop.width; w++) {
        const v = Math.floor((w + crop.left) / strideWidth);
        const pw = (w + crop.left) % strideWidth;
        const start = ((n * gridRows + u) * gridCols + v) * phaseChannels + (ph * strideWidth + pw) * channels;
        out.set(values.subarray(start, start + channels), o);
        o += channels;
      }
    }
  }
  return out;
}
