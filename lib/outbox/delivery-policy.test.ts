import { describe, expect, it } from "vitest";
import { classifyDeliveryError, nextAttemptAt } from "./delivery-policy";

describe("classifyDeliveryError", () => {
  it("treats 5xx replies as permanent and 4xx as transient", () => {
    expect(classifyDeliveryError(Object.assign(new Error("Can't send mail"), { responseCode: 550, response: "550 5.1.1 no such user" }))).toEqual({
      permanent: true,
      reason: "SMTP 550: 550 5.1.1 no such user",
    });
    expect(classifyDeliveryError(Object.assign(new Error("x"), { responseCode: 451, response: "451 4.7.1 greylisted,\r\n try later" }))).toEqual({
      permanent: false,
      reason: "SMTP 451: 451 4.7.1 greylisted, try later",
    });
  });

  it("treats errors without an SMTP reply as transient network failures", () => {
    expect(classifyDeliveryError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), { code: "ESOCKET" }))).toEqual({
      permanent: false,
      reason: "network: ESOCKET: connect ECONNREFUSED 127.0.0.1:25",
    });
    expect(classifyDeliveryError("boom")).toEqual({ permanent: false, reason: "network: boom" });
  });
});

describe("nextAttemptAt", () => {
  const now = new Date("2026-12-01T00:00:00Z");
  const policy = { baseDelayMs: 1000, maxDelayMs: 5000, maxAttempts: 5 };
  it("backs off exponentially up to a cap, then gives up", () => {
    const delays = [1, 2, 3, 4].map((attempt) => nextAttemptAt(attempt, now, policy)!.getTime() - now.getTime());
    expect(delays).toEqual([1000, 2000, 4000, 5000]);
    expect(nextAttemptAt(5, now, policy)).toBeNull();
    expect(nextAttemptAt(9, now, policy)).toBeNull();
  });
});
