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
