/** The most admission times (ms) that fall in any half-open interval `[t, t + ms)`. */
export function mostInAnyInterval(times: readonly number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let first = 0, last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= ms) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
