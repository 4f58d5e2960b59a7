import type { Metadata } from "next";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { PUBLIC_CSS } from "./(public)/_views/public-css";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s · Status" },
  description: "Current status, incidents and scheduled maintenance",
};

// The admin console's document. Public pages are not React: they have their own layout
// (app/(public)/_views/layout.tsx); the console starts from the same stylesheet.
export default async function RootLayout({ children }: { children: ReactNode }) {
  // The admin console's CSP admits inline styles by nonce only (set by proxy.ts).
  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <html lang="en">
      <head>
        <style nonce={nonce} dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
