import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    // The rule reads app/(public)/[[...path]]/route.ts (the public route table's catch-all route
    // handler, not a page) as a page matching every path, and so flags every <a>; the public views
    // are Preact rendered to HTML with plain links anyway. (It never saw the console's pages, which
    // sit in a route group it does not strip.)
    rules: { "@next/next/no-html-link-for-pages": "off" },
  },
  globalIgnores([".next/**", "lib/generated/**", ".data/**", ".test-data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"]),
]);
