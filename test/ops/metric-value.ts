// Reads a series back from the metrics registry, summed over the series whose labels match `labels`
// (a histogram's samples are told apart by `metricName`: _count, _sum, _bucket).
import { registry } from "../../src/ops/metrics.js";

export async function metricValue(name: string, labels: Record<string, string> = {}, sample?: "count" | "sum"): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const want = Object.entries(labels);
  const values = (metric?.values ?? []) as { value: number; labels: Record<string, unknown>; metricName?: string }[];
  return values
    .filter((v) => (sample ? v.metricName === `${name}_${sample}` : true))
    .filter((v) => want.every(([k, x]) => v.labels[k] === x))
    .reduce((sum, v) => sum + v.value, 0);
}

/** Every label set a series has now (to check that labels stay within their bounded sets). */
export async function metricLabels(name: string): Promise<Record<string, unknown>[]> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return ((metric?.values ?? []) as { labels: Record<string, unknown> }[]).map((v) => v.labels);
}
