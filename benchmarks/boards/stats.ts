/** Timing and summaries for the boards benchmark (samples are few enough to keep them all). */

/** Milliseconds on a monotonic clock. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Resolves after `ms` (only ever a bounded wait or a pacing interval, never correctness). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface Summary {
  n: number;
  p50: number;
  p99: number;
  max: number;
}

/** The q-quantile of samples (nearest rank), NaN without samples. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.max(1, Math.ceil(q * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** p50, p99 and max of a list of durations in ms. */
export function summarise(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
  };
}

/** A duration for a table cell or a target line. */
export function ms(v: number): string {
  if (Number.isNaN(v)) {
    return "-";
  }
  if (!Number.isFinite(v)) {
    return "∞";
  }
  if (v >= 1000) {
    return `${(v / 1000).toFixed(v >= 10_000 ? 0 : 2)} s`;
  }
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ms`;
}

/** a / b as "1.62×" ("-" when either is missing). */
export function ratio(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b) || b <= 0) {
    return "-";
  }
  return `${(a / b).toFixed(2)}×`;
}

/** A share as a percentage, never rounded up to 100%. */
export function pct(v: number): string {
  if (Number.isNaN(v)) {
    return "-";
  }
  return v >= 1 ? "100%" : `${(Math.floor(v * 10000) / 100).toFixed(2)}%`;
}
