// Runs `call` once on each query of `list`, in order, from `concurrency` loops: every cell
// over the same list sees the same queries (and so the same remembered analyses), whatever
// its speed. Latency percentiles and throughput.
export async function measure(concurrency, list, call) {
  const latencies = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < list.length) {
        const query = list[next++];
        const t0 = process.hrtime.bigint();
        await call(query);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  latencies.sort((a, b) => a - b);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    p50: percentile(50),
    p95: percentile(95),
    p99: percentile(99),
    rps: latencies.length / seconds,
  };
}
