// GET /metrics — Prometheus text format: cluster figures read from the database at scrape time, then this process's own
import { answerMetricsRequest } from "@/lib/metrics/metrics-endpoint";

export const dynamic = "force-dynamic";

export async function GET(request: Request) {
  const reply = await answerMetricsRequest(request.headers, new Date());
  return new Response(reply.body, {
    status: reply.status,
    headers: { "Content-Type": reply.contentType, "Cache-Control": "no-store" },
  });
}
