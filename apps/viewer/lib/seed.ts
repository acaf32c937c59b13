// Seeds of the latent sampler: non-negative 31-bit integers, so they survive URLs and number inputs exactly.
export const MAX_SEED = 2 ** 31 - 1;

export function parseSeed(value: string | null | undefined): number | null {
  if (value === null || value === undefined || !/^\d{1,10}$/.test(value.trim())) return null;
  const seed = Number(value.trim());
  return seed <= MAX_SEED ? seed : null;
}

export function randomSeed(): number {
  return Math.floor(Math.random() * MAX_SEED);
}
