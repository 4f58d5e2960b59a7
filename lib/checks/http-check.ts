// The http kind: fetch (redirects, TLS verdicts, capped body), then judge status, body and latency.
// latencyMs is the whole exchange: every hop, up to the end of the (capped) body.
import "server-only";
import { buildResult, latencyProblem } from "./check-result";
import { classifyHttpResponse } from "./classify-http";
import { Deadline } from "./deadline";
import { fetchUrl } from "./fetch-url";
import type { ProbeContext } from "./probe-context";
import type { CheckResult, HttpExpectations } from "./schemas";

export async function runHttpCheck(target: URL, expectations: HttpExpectations, timeoutMs: number, context: ProbeContext): Promise<CheckResult> {
  const deadline = new Deadline(timeoutMs);
  try {
    const { method, maxRedirects, maxBodyBytes, connectTimeoutMs } = expectations;
    const fetchOptions = { method, maxRedirects, maxBodyBytes, connectTimeoutMs, thresholds: expectations };
    const outcome = await fetchUrl(target, fetchOptions, context, deadline);
    const total = deadline.elapsedMs();
    const { response } = outcome;
    const finalUrl = outcome.finalUrl.href;
    const problems =
      outcome.problems.length > 0 || !response
        ? outcome.problems
        : [
            ...classifyHttpResponse({ ...response, url: finalUrl, maxBodyBytes }, expectations),
            ...latencyProblem(total, expectations.maxLatencyMs, `The response from ${finalUrl}`),
          ];
    return buildResult({
      problems,
      okMessage: `HTTP ${response?.statusCode} from ${finalUrl} in ${total} ms`,
      warnings: outcome.warnings,
      statusCode: response?.statusCode ?? null,
      latencyMs: response ? total : null,
      timings: { ...outcome.phases, total },
      certificate: outcome.certificate,
      finalUrl,
      address: outcome.address,
    });
  } finally {
    deadline.dispose();
  }
}
