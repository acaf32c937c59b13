/** Enough points to draw a curve; more only slows the chart down. */
export const MAX_CHART_POINTS = 400;

/** Every k-th point plus the last one, so the chart keeps the curve's shape and its end. */
export function downsample<Point>(points: Point[], limit = MAX_CHART_POINTS): Point[] {
  if (points.length <= limit) return points;
  const stride = Math.ceil(points.length / limit);
  const kept = points.filter((_, index) => index % stride === 0);
  const last = points[points.length - 1];
  if (last && kept[kept.length - 1] !== last) kept.push(last);
  return kept;
}
