// The List-Unsubscribe link opened in a browser goes to the manage page at the public address,
// whichever host the request came through (a proxy, a container's port).
import { afterAll, expect, it } from "vitest";

process.env.PUBLIC_URL = "https://status.example.fm";
const { GET } = await import("./route");
afterAll(() => {
  delete process.env.PUBLIC_URL; // later test files run in the same worker
});

it("redirects a browser to the manage page under PUBLIC_URL, not the request's origin", async () => {
  const response = await GET(new Request("http://localhost:3000/api/subscriptions/unsubscribe?token=s.0.mac"));
  expect(response.status).toBe(303);
  expect(response.headers.get("location")).toBe("https://status.example.fm/subscription/s.0.mac");
});
