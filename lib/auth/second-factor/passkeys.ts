// Passkeys (WebAuthn) as a second factor: an admin registers several from the account page, each
// named and removable. Registration runs in two calls — options (the challenge kept on the session
// for a few minutes), then the browser's answer, verified by @simplewebauthn/server — and both the
// registration and a removal are audited. The first factor an admin enrols brings recovery codes.
import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { SessionContext } from "../../action-context";
import { recordAdminAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { VigilError } from "../../errors";
import { SecondFactorConflictError } from "./errors";
import { relyingParty } from "./relying-party";
import type { RegisterPasskey, RemovePasskey } from "./schemas";
import { dropRecoveryCodesIfNoFactorLeft, replaceRecoveryCodes } from "./totp-enrolment";

/** How long a registration or sign-in challenge stays good. */
export const PASSKEY_CHALLENGE_TTL_MS = 5 * 60 * 1000;

type SessionVerb<Input = undefined> = { ctx: SessionContext; input: Input };

export class PasskeyNotVerifiedError extends VigilError {
  constructor() {
    super("invalid_input", "the passkey's answer could not be verified; try again");
  }
}

export type PasskeySummary = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export async function passkeyRegistrationOptions({ ctx: { actor, now, sessionId } }: SessionVerb): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const existing = await db().adminPasskey.findMany({ where: { adminId: actor.adminId }, select: { credentialId: true, transports: true } });
  const options = await generateRegistrationOptions({
    rpName: "Vigil",
    rpID: relyingParty().id,
    userName: actor.email,
    userID: new TextEncoder().encode(actor.adminId),
    attestationType: "none",
    excludeCredentials: existing.map((passkey) => ({ id: passkey.credentialId, transports: passkey.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "preferred" },
  });
  await db().adminSession.updateMany({ where: { id: sessionId, adminId: actor.adminId }, data: { passkeyChallenge: options.challenge, passkeyChallengeAt: now } });
  return options;
}

/** Verifies the browser's answer and stores the passkey; returns recovery codes when it is the admin's first factor. */
export async function registerPasskey({ ctx: { actor, now, sessionId }, input: { name, response } }: SessionVerb<RegisterPasskey>): Promise<{ id: string; recoveryCodes: string[] | null }> {
  const session = await db().adminSession.findFirst({ where: { id: sessionId, adminId: actor.adminId }, select: { passkeyChallenge: true, passkeyChallengeAt: true } });
  const challenge = session?.passkeyChallenge;
  if (!challenge || !session.passkeyChallengeAt || now.getTime() - session.passkeyChallengeAt.getTime() > PASSKEY_CHALLENGE_TTL_MS) {
    throw new SecondFactorConflictError("this passkey registration has expired; start again");
  }
  const rp = relyingParty();
  const verified = await verifyRegistrationResponse({ response, expectedChallenge: challenge, expectedOrigin: rp.origin, expectedRPID: rp.id, requireUserVerification: false }).catch(
    () => ({ verified: false as const }),
  );
  if (!verified.verified) throw new PasskeyNotVerifiedError();
  const { credential } = verified.registrationInfo;
  return db().$transaction(async (tx) => {
    // The challenge is single-use: a second post of the same answer finds it gone.
    const { count } = await tx.adminSession.updateMany({ where: { id: sessionId, passkeyChallenge: challenge }, data: { passkeyChallenge: null, passkeyChallengeAt: null } });
    if (count === 0) throw new SecondFactorConflictError("this passkey registration has expired; start again");
    if (await tx.adminPasskey.findUnique({ where: { credentialId: credential.id }, select: { id: true } })) throw new SecondFactorConflictError("this passkey is already registered");
    const firstFactor = (await tx.adminTotp.count({ where: { adminId: actor.adminId, confirmedAt: { not: null } } })) + (await tx.adminPasskey.count({ where: { adminId: actor.adminId } })) === 0;
    const passkey = await tx.adminPasskey.create({
      data: {
        adminId: actor.adminId,
        name,
        credentialId: credential.id,
        publicKey: Buffer.from(credential.publicKey),
        counter: BigInt(credential.counter),
        transports: credential.transports ?? [],
        createdAt: now,
      },
      select: { id: true },
    });
    await tx.adminSession.updateMany({ where: { id: sessionId, secondFactor: null }, data: { secondFactor: "passkey" } });
    const recoveryCodes = firstFactor ? await replaceRecoveryCodes(tx, actor.adminId, now) : null;
    await recordAdminAudit(tx, actor, { action: "second_factor.passkey_added", objectType: "passkey", objectId: passkey.id, details: { name, recoveryCodesIssued: recoveryCodes?.length ?? 0 } });
    return { id: passkey.id, recoveryCodes };
  });
}

export async function removePasskey({ ctx: { actor }, input: { id } }: SessionVerb<RemovePasskey>): Promise<void> {
  await db().$transaction(async (tx) => {
    const passkey = await tx.adminPasskey.findFirst({ where: { id, adminId: actor.adminId }, select: { name: true } });
    if (!passkey) throw new SecondFactorConflictError("no such passkey of yours");
    await tx.adminPasskey.delete({ where: { id } });
    const recoveryCodesRemoved = await dropRecoveryCodesIfNoFactorLeft(tx, actor.adminId);
    await recordAdminAudit(tx, actor, { action: "second_factor.passkey_removed", objectType: "passkey", objectId: id, details: { name: passkey.name, recoveryCodesRemoved } });
  });
}
