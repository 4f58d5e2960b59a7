// Input of the auth verbs (sign-in, setup, admins, passwords, API keys, sessions); callers parse
// with these schemas and the verbs take their output.
import { z } from "zod";
import { isCommonPassword } from "./common-passwords";

export const AdminEmail = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: "must be an email address" }));

export const AdminPassword = z
  .string()
  .min(12, { error: "must be at least 12 characters" })
  .max(256, { error: "must be at most 256 characters" })
  .refine((password) => new Set(password).size >= 4, { error: "is too repetitive" })
  .refine((password) => !isCommonPassword(password), { error: "is too common; choose a longer passphrase of unrelated words" });

export const AdminRole = z.enum(["owner", "editor", "viewer"]);

export const CreateAdmin = z.object({ email: AdminEmail, password: AdminPassword, role: AdminRole });
export type CreateAdmin = z.infer<typeof CreateAdmin>;

/** The CLI's password reset: the admin by email, and the new password. */
export const ResetAdminPassword = z.object({ email: AdminEmail, password: AdminPassword });
export type ResetAdminPassword = z.infer<typeof ResetAdminPassword>;

/** The CLI's way out of a sign-in throttle: the account, and optionally client addresses to forgive too. */
export const ClearSignInThrottle = z.object({ email: AdminEmail, ips: z.array(z.union([z.ipv4(), z.ipv6()], { error: "must be an IP address" })).default([]) });
export type ClearSignInThrottle = z.infer<typeof ClearSignInThrottle>;

export const AddAdmin = z.object({ email: AdminEmail, role: AdminRole });
export type AddAdmin = z.infer<typeof AddAdmin>;

export const ChangeAdmin = z.object({ adminId: z.string().min(1), role: AdminRole, disabled: z.boolean() });
export type ChangeAdmin = z.infer<typeof ChangeAdmin>;

export const ChangePassword = z
  .object({ current: z.string().min(1, "enter your current password").max(256), next: AdminPassword })
  .refine((value) => value.current !== value.next, { error: "choose a password you have not used here", path: ["next"] });
export type ChangePassword = z.infer<typeof ChangePassword>;

export const SignIn = z.object({
  email: AdminEmail,
  // No strength rules here: sign-in only compares, and must not say which rule a guess broke.
  password: z.string().min(1, "enter your password").max(256, "must be at most 256 characters"),
});
export type SignIn = z.infer<typeof SignIn>;

export const CompleteSetup = z.object({ token: z.string().min(1).max(200), email: AdminEmail, password: AdminPassword });
export type CompleteSetup = z.infer<typeof CompleteSetup>;

export const CreateApiKey = z.object({
  name: z.string().trim().min(1, "give the key a name").max(100),
  scope: z.enum(["read", "write"]),
});
export type CreateApiKey = z.infer<typeof CreateApiKey>;

export const RevokeApiKey = z.object({ id: z.string().min(1) });
export type RevokeApiKey = z.infer<typeof RevokeApiKey>;

export const RevokeSession = z.object({ id: z.string().min(1) });
export type RevokeSession = z.infer<typeof RevokeSession>;
