// OpenID Connect sign-in for admins: authorization code flow with PKCE, state and nonce. The flow's
// secrets wait in the database (OidcSignInFlow, any web instance can finish it) under the hash of a
// random token that only the starting browser holds in a short-lived cookie; the record is used once.
// An admin signed in this way gets a session as from a password sign-in; the provider is trusted
// to have done its own second factor (docs/oidc.md).
import "server-only";
import * as client from "openid-client";
import type { Visit, VisitorContext } from "../../action-context";
import { recordAudit } from "../../audit/record-audit";
import { db } from "../../db";
import { logger } from "../../log";
import type { Prisma } from "../../generated/prisma/client";
import type { Role } from "../actor";
import { hashPassword } from "../passwords";
import { startSession } from "../sessions";
import { hashToken, newToken } from "../tokens";
import { admit } from "./admission";
import type { OidcFailure } from "./failures";
import { providerConfiguration } from "./provider-client";
import type { OidcSettings } from "./settings";

/** How long a browser has between leaving for the provider and coming back. */
export const OIDC_FLOW_TTL_MS = 10 * 60 * 1000;

export type OidcFailed = { ok: false; reason: OidcFailure };
export type OidcStarted = { ok: true; flowToken: string; expiresAt: Date; authorizationUrl: URL };
export type OidcSignedIn = { ok: true; token: string; expiresAt: Date; adminId: string; role: Role };

/** Starts a sign-in: records the flow and returns where to send the browser, and the cookie's token. */
export async function beginOidcSignIn({ ctx: { now, client: visitor }, input: { settings } }: Visit<{ settings: OidcSettings }>): Promise<OidcStarted | OidcFailed> {
  let configuration: client.Configuration;
  try {
    configuration = await providerConfiguration(settings);
  } catch (error) {
    logger().warn({ err: describe(error), issuer: settings.issuer.href }, "OIDC discovery failed");
    await recordFailure({ now, client: visitor }, "idp_unreachable", null, { issuer: settings.issuer.href });
    return { ok: false, reason: "idp_unreachable" };
  }
  const flowToken = newToken();
  const [state, nonce, codeVerifier] = [client.randomState(), client.randomNonce(), client.randomPKCECodeVerifier()];
  const expiresAt = new Date(now.getTime() + OIDC_FLOW_TTL_MS);
  await db().$transaction([
    db().oidcSignInFlow.deleteMany({ where: { expiresAt: { lte: now } } }),
    db().oidcSignInFlow.create({ data: { tokenHash: hashToken(flowToken), state, nonce, codeVerifier, createdAt: now, expiresAt } }),
  ]);
  const authorizationUrl = client.buildAuthorizationUrl(configuration, {
    redirect_uri: settings.redirectUri,
    scope: settings.scopes.join(" "),
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { ok: true, flowToken, expiresAt, authorizationUrl };
}

/**
 * Finishes a sign-in from the provider's redirect: `flowToken` from the browser's cookie (null when
 * it has expired), `callbackParams` the query string the provider sent back.
 */
export async function completeOidcSignIn({
  ctx,
  input: { settings, flowToken, callbackParams },
}: Visit<{ settings: OidcSettings; flowToken: string | null; callbackParams: URLSearchParams }>): Promise<OidcSignedIn | OidcFailed> {
  const issuer = settings.issuer.href;
  const flow = flowToken ? await takeFlow(flowToken) : null;
  if (!flow || flow.expiresAt <= ctx.now) return recordFailure(ctx, "expired", null, { issuer });
  // openid-client checks the state too; checking first names the failure.
  if (callbackParams.get("state") !== flow.state) return recordFailure(ctx, "state_mismatch", null, { issuer });

  let claims: Record<string, unknown>;
  try {
    claims = await exchangeCode(settings, flow, callbackParams);
  } catch (error) {
    const reason = classify(error);
    logger().warn({ err: describe(error), issuer, reason }, "OIDC sign-in failed at the provider");
    return recordFailure(ctx, reason, null, { issuer, ...providerErrorCode(error) });
  }
  const subject = String(claims.sub);
  const admission = admit(claims, settings);
  if (!admission.ok) return recordFailure(ctx, admission.reason, admission.email, { issuer, subject });

  const linked = await linkAdmin(ctx, { ...admission, issuer, subject });
  if (!linked.ok) return linked;
  const session = await startSession({ ctx, input: { adminId: linked.adminId } });
  return { ok: true, adminId: linked.adminId, role: linked.role, ...session };
}

type Flow = { state: string; nonce: string; codeVerifier: string; expiresAt: Date };

/** The flow behind a cookie token, removed so it completes at most once (null: unknown or already taken). */
async function takeFlow(flowToken: string): Promise<Flow | null> {
  if (flowToken.length > 200) return null;
  const tokenHash = hashToken(flowToken);
  const flow = await db().oidcSignInFlow.findUnique({ where: { tokenHash }, select: { state: true, nonce: true, codeVerifier: true, expiresAt: true } });
  if (!flow) return null;
  const { count } = await db().oidcSignInFlow.deleteMany({ where: { tokenHash } });
  return count === 1 ? flow : null;
}

/** The code for tokens (PKCE, nonce and ID token checked by openid-client), then the user's claims. */
async function exchangeCode(settings: OidcSettings, flow: Flow, callbackParams: URLSearchParams): Promise<Record<string, unknown>> {
  const configuration = await providerConfiguration(settings);
  const callbackUrl = new URL(settings.redirectUri);
  callbackUrl.search = callbackParams.toString();
  const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
    pkceCodeVerifier: flow.codeVerifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
    idTokenExpected: true,
  });
  const idToken = tokens.claims()!;
  // Many providers put email and groups only in userinfo unless asked otherwise; the signed ID token wins where both speak.
  if ((idToken.email === undefined || idToken[settings.roleClaim] === undefined) && configuration.serverMetadata().userinfo_endpoint) {
    const userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idToken.sub);
    return { ...userinfo, ...idToken };
  }
  return idToken;
}

/**
 * Links the identity to the admin with its email, or provisions one; applies the provider's role
 * when it decides roles. The last enabled owner keeps the owner role whatever the provider says
 * (Vigil needs one).
 */
async function linkAdmin(
  ctx: VisitorContext,
  identity: { email: string; role: Role; roleFromProvider: boolean; issuer: string; subject: string },
): Promise<{ ok: true; adminId: string; role: Role } | OidcFailed> {
  const { email, issuer, subject } = identity;
  const audit = (tx: Prisma.TransactionClient, adminId: string, action: string, details: Prisma.InputJsonObject) =>
    recordAudit(tx, { actorId: adminId, actorLabel: email, action, objectType: "admin", objectId: adminId, ip: ctx.client.ip, details: { method: "oidc", issuer, subject, ...details } });
  return db().$transaction(async (tx) => {
    // The same lock as role changes in the console, so "at least one enabled owner" holds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:admin-roles'))`;
    const admin = await tx.adminUser.findUnique({ where: { email }, select: { id: true, role: true, disabledAt: true } });
    if (!admin) {
      // No one knows this password: an OIDC-provisioned admin signs in through the provider (an owner can set one from the CLI).
      const passwordHash = await hashPassword(newToken());
      const created = await tx.adminUser.create({ data: { email, passwordHash, role: identity.role }, select: { id: true } });
      await audit(tx, created.id, "admin.create", { email, role: identity.role });
      await audit(tx, created.id, "auth.sign_in", {});
      return { ok: true as const, adminId: created.id, role: identity.role };
    }
    if (admin.disabledAt) {
      await audit(tx, admin.id, "auth.sign_in_failed", { reason: "disabled" });
      return { ok: false as const, reason: "disabled" as const };
    }
    let role = admin.role;
    if (identity.roleFromProvider && identity.role !== admin.role) {
      const lastOwner = admin.role === "owner" && (await tx.adminUser.count({ where: { role: "owner", disabledAt: null } })) === 1;
      if (!lastOwner) {
        await tx.adminUser.update({ where: { id: admin.id }, data: { role: identity.role } });
        // As a role change in the console: the admin's other sessions end (this sign-in starts a new one).
        await tx.adminSession.updateMany({ where: { adminId: admin.id, revokedAt: null }, data: { revokedAt: ctx.now } });
        role = identity.role;
      }
      await audit(tx, admin.id, "admin.change", { email, before: { role: admin.role }, after: { role }, ...(lastOwner ? { kept: "last enabled owner" } : {}) });
    }
    await audit(tx, admin.id, "auth.sign_in", {});
    return { ok: true as const, adminId: admin.id, role };
  }, { timeout: 15_000 });
}

async function recordFailure(ctx: VisitorContext, reason: OidcFailure, email: string | null, details: Prisma.InputJsonObject): Promise<OidcFailed> {
  await db().$transaction((tx) =>
    recordAudit(tx, { actorLabel: email ?? "oidc", action: "auth.sign_in_failed", objectType: "admin", ip: ctx.client.ip, details: { method: "oidc", reason, ...details } }),
  );
  return { ok: false, reason };
}

function classify(error: unknown): OidcFailure {
  if (error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError) return "idp_error";
  // fetch's network failures and timeouts.
  if (error instanceof TypeError || (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError"))) return "idp_unreachable";
  return "invalid_response";
}

/** The provider's OAuth error code (access_denied, invalid_grant…), for the audit log. */
function providerErrorCode(error: unknown): { error?: string } {
  return error instanceof client.AuthorizationResponseError || error instanceof client.ResponseBodyError ? { error: error.error } : {};
}

/** An error for the log: name, message and code only (never the request, which carries the client secret). */
function describe(error: unknown): { name?: string; message: string; code?: unknown } {
  return error instanceof Error ? { name: error.name, message: error.message, code: (error as { code?: unknown }).code } : { message: String(error) };
}
