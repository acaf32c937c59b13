/**
 * Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method: plain float64 JS, no
 * dependency, and accurate to rounding for the small (D <= a few hundred) covariances of the quality score.
 */
export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Eigenvectors, n x n row-major: column k is the unit eigenvector of values[k]. */
  readonly vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** Decomposes the symmetric n x n row-major `matrix` as V diag(values) V^T. */
export function symmetricEigen(matrix: ArrayLike<number>, n: number): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`symmetricEigen: size must be a positive integer, got ${n}`);
  if (matrix.length !== n * n) {
    throw new RangeError(`symmetricEigen: expected ${n * n} values for a ${n}x${n} matrix, got ${matrix.length}`);
  }
  const a = symmetrised(matrix, n);
  const v = identity(n);
  const scale = frobeniusNormSquared(a);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Converged once the off-diagonal mass is rounding noise next to the whole matrix.
    if (offDiagonalSquared(a, n) <= scale * Number.EPSILON * Number.EPSILON) return sortedAscending(a, v, n);
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) rotate(a, v, n, p, q);
    }
  }
  throw new Error(`symmetricEigen: no convergence after ${MAX_SWEEPS} sweeps; the matrix may hold NaN or Infinity`);
}

/** Zeroes a[p][q] by the plane rotation J (c on the diagonal, s at [p][q]): A <- J^T A J, V <- V J. */
function rotate(a: Float64Array, v: Float64Array, n: number, p: number, q: number): void {
  const apq = a[p * n + q]!;
  if (apq === 0) return;
  const app = a[p * n + p]!;
  const aqq = a[q * n + q]!;
  const theta = (aqq - app) / (2 * apq);
  // The smaller root of t^2 + 2 t theta - 1 = 0 keeps the rotation angle <= pi/4, which is what makes
  // cyclic Jacobi converge; for huge theta, 1 / (2 theta) avoids overflowing theta^2.
  const t = Number.isFinite(theta * theta)
    ? Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
    : 1 / (2 * theta);
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let k = 0; k < n; k++) {
    if (k === p || k === q) continue;
    const akp = a[k * n + p]!;
    const akq = a[k * n + q]!;
    const newKp = c * akp - s * akq;
    const newKq = s * akp + c * akq;
    a[k * n + p] = newKp;
    a[p * n + k] = newKp;
    a[k * n + q] = newKq;
    a[q * n + k] = newKq;
  }
  a[p * n + p] = app - t * apq;
  a[q * n + q] = aqq + t * apq;
  a[p * n + q] = 0;
  a[q * n + p] = 0;
  for (let k = 0; k < n; k++) {
    const vkp = v[k * n + p]!;
    const vkq = v[k * n + q]!;
    v[k * n + p] = c * vkp - s * vkq;
    v[k * n + q] = s * vkp + c * vkq;
  }
}

// Averaging with the transpose absorbs the last-bit asymmetry that matrix products leave behind.
function symmetrised(matrix: ArrayLike<number>, n: number): Float64Array {
  const a = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) a[i * n + j] = (matrix[i * n + j]! + matrix[j * n + i]!) / 2;
  }
  return a;
}

function identity(n: number): Float64Array {
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++) m[i * n + i] = 1;
  return m;
}

function frobeniusNormSquared(a: Float64Array): number {
  let sum = 0;
  for (const x of a) sum += x * x;
  return sum;
}

function offDiagonalSquared(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) if (i !== j) sum += a[i * n + j]! ** 2;
  }
  return sum;
}

function sortedAscending(a: Float64Array, v: Float64Array, n: number): SymmetricEigen {
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => a[x * n + x]! - a[y * n + y]!);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => {
    values[to] = a[from * n + from]!;
    for (let row = 0; row < n; row++) vectors[row * n + to] = v[row * n + from]!;
  });
  return { values, vectors };
}
