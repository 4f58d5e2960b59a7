// The part of autocannon's programmatic API bench/page.ts uses (the package ships no types).
declare module "autocannon" {
  type Histogram = { average: number; mean: number; p50: number; p99: number; max: number; total: number };
  export type Result = { requests: Histogram; latency: Histogram; throughput: Histogram; non2xx: number; errors: number; timeouts: number; duration: number };
  export default function autocannon(options: { url: string; connections: number; duration: number; pipelining?: number; headers?: Record<string, string> }): Promise<Result>;
}
