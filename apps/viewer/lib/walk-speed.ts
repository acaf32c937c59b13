// The random walk's speed, in loops a minute.
export const MIN_SPEED = 1;
export const MAX_SPEED = 60;
export const DEFAULT_SPEED = 6;

/** A `speed` query value, or the default when it is absent or out of range. */
export function parseWalkSpeed(value: string | null): number {
  const speed = Number(value);
  return value !== null && Number.isInteger(speed) && speed >= MIN_SPEED && speed <= MAX_SPEED ? speed : DEFAULT_SPEED;
}
