// Input of the second-factor verbs: enrolment on the account page, the sign-in step, the CLI reset
// and the per-role rule. Callers parse with these schemas; the verbs take their output.
import { z } from "zod";
import { AdminEmail, AdminRole } from "../schemas";

/** Six digits; spaces (apps show "123 456") are ignored. */
export const TotpCode = z
  .string()
  .transform((code) => code.replace(/\s/g, ""))
  .pipe(z.string().regex(/^\d{6}$/, { error: "enter the 6-digit code from your authenticator app" }));

/** Sixteen base32 letters, with or without dashes and spaces. */
export const RecoveryCode = z
  .string()
  .transform((code) => code.toLowerCase().replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^[a-z2-7]{16}$/, { error: "enter one of your recovery codes (xxxx-xxxx-xxxx-xxxx)" }));

export const ConfirmTotp = z.object({ code: TotpCode });
export type ConfirmTotp = z.infer<typeof ConfirmTotp>;

/** The second step of a sign-in with a code: from the authenticator app, or a recovery code. */
export const SecondFactorCode = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: TotpCode }),
  z.object({ method: z.literal("recovery_code"), code: RecoveryCode }),
]);
export type SecondFactorCode = z.infer<typeof SecondFactorCode>;

/** A browser's WebAuthn answer, as @simplewebauthn/browser hands it over (the library checks the rest). */
const WebAuthnAnswer = z.looseObject({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal("public-key"),
  response: z.looseObject({ clientDataJSON: z.string().max(16_384) }),
  clientExtensionResults: z.record(z.string(), z.unknown()).default({}),
});

export const PasskeyName = z.string().trim().min(1, { error: "give the passkey a name" }).max(100, { error: "must be at most 100 characters" });

export const RegisterPasskey = z.object({
  name: PasskeyName,
  response: WebAuthnAnswer.extend({ response: z.looseObject({ clientDataJSON: z.string().max(16_384), attestationObject: z.string().max(65_536) }) }),
});
export type RegisterPasskey = z.infer<typeof RegisterPasskey>;

export const PasskeySignIn = z.object({
  response: WebAuthnAnswer.extend({
    response: z.looseObject({ clientDataJSON: z.string().max(16_384), authenticatorData: z.string().max(16_384), signature: z.string().max(4096) }),
  }),
});
export type PasskeySignIn = z.infer<typeof PasskeySignIn>;

export const RemovePasskey = z.object({ id: z.string().min(1).max(100) });
export type RemovePasskey = z.infer<typeof RemovePasskey>;

export const ResetSecondFactor = z.object({ email: AdminEmail });
export type ResetSecondFactor = z.infer<typeof ResetSecondFactor>;

/** Roles whose admins must pass (or enrol) a second factor; vigil.config.yaml's `auth.requireSecondFactor`. */
export const SecondFactorRoles = z.array(AdminRole).refine((roles) => new Set(roles).size === roles.length, { error: "roles must not repeat" });
