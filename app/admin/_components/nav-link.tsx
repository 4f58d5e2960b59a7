"use client";
// A console navigation link that marks the current section (aria-current) and, on a phone, folds
// the menu away again once it has been used: the layout, and so the open <details>, survives the
// client-side navigation.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";

export function NavLink({ href, children }: { href: string; children: ReactNode }) {
  const pathname = usePathname();
  const current = href === "/admin" ? pathname === href : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <Link href={href} aria-current={current ? "page" : undefined} onClick={(event) => event.currentTarget.closest("details")?.removeAttribute("open")}>
      {children}
    </Link>
  );
}
