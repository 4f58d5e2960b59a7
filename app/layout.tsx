import type { Metadata } from "next";
import type { ReactNode } from "react";
import { PUBLIC_CSS } from "./(public)/_views/public-css";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Status", template: "%s · Status" },
  description: "Current status, incidents and scheduled maintenance",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <head>
        <style dangerouslySetInnerHTML={{ __html: PUBLIC_CSS }} />
      </head>
      <body>{children}</body>
    </html>
  );
}
