// Subscriber addresses are stored normalised so one mailbox is one subscriber: trimmed, lower-cased
// (the local part too — case-sensitive mailboxes are theoretical, duplicate subscriptions are not),
// and with an internationalised domain in its ASCII (punycode) form, which is what SMTP carries.
import { domainToASCII } from "node:url";
import { z } from "zod";

const MAX_LENGTH = 254; // RFC 5321 path limit

/** The normalised form, or null when the domain is not a valid (IDN) host name. */
export function normaliseEmail(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at === trimmed.length - 1) return null;
  const domain = domainToASCII(trimmed.slice(at + 1));
  if (!domain) return null;
  return `${trimmed.slice(0, at)}@${domain}`;
}

/** An email address as typed by a visitor → its normalised form; clear errors for anything else. */
export const SubscriberEmail = z
  .string({ error: "email is required" })
  .max(MAX_LENGTH * 2, "email is too long")
  .transform((value, context) => {
    const normalised = normaliseEmail(value);
    if (normalised === null) {
      context.addIssue({ code: "custom", message: "email must be an address like name@example.com" });
      return z.NEVER;
    }
    return normalised;
  })
  .pipe(z.email({ error: "email must be an address like name@example.com" }).max(MAX_LENGTH, "email is too long"));
