/**
 * A small timing loop for benchmarks: warm up, then run for a fixed wall time and report operations per
 * second on this one thread (Node runs the loop on one core). Figures vary by machine; the README keeps
 * the numbers measured on the project's reference machine.
 */
export interface Measurement {
  readonly name: string;
  readonly opsPerSec: number;
  readonly meanMicros: number;
  readonly iterations: number;
}

export function measure(name: string, fn: () => void, seconds = 3): Measurement {
  const warmUntil = performance.now() + 500;
  while (performance.now() < warmUntil) fn();
  let iterations = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  let now = start;
  while (now < end) {
    // Check the clock every 16 iterations so the timer does not dominate tiny operations.
    for (let i = 0; i < 16; i++) fn();
    iterations += 16;
    now = performance.now();
  }
  const elapsed = (now - start) / 1000;
  return { name, opsPerSec: iterations / elapsed, meanMicros: (elapsed * 1e6) / iterations, iterations };
}

export function printTable(title: string, rows: readonly Measurement[]): void {
  console.log(`\n${title}`);
  console.log('| case | msgs/s | mean µs/msg |');
  console.log('|---|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.name} | ${Math.round(r.opsPerSec).toLocaleString('en-US')} | ${r.meanMicros.toFixed(1)} |`,
    );
  }
}
