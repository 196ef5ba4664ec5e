// Runs `call` over `list` from `concurrency` loops for `seconds`; latency percentiles and throughput.
export async function measure(concurrency, list, call, seconds) {
  const latencies = [];
  const deadline = Date.now() + seconds * 1000;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const query = list[next++ % list.length];
        const t0 = process.hrtime.bigint();
        await call(query);
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  const elapsed = (Date.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const percentile = (p) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  return {
    p50: percentile(50),
    p95: percentile(95),
    p99: percentile(99),
    rps: latencies.length / elapsed,
  };
}
