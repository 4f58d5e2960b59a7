// Subscriptions end to end on a real database and a real SMTP sink: request → confirmation mail →
// confirm → incident update → one mail per matching subscriber → one-click unsubscribe → nothing more.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ZodError, type z } from "zod";
import { POST as postSubscription } from "@/app/api/subscriptions/route";
import { POST as postOneClick } from "@/app/api/subscriptions/unsubscribe/route";
import { confirmTokenIn, drainOutbox, manageTokenIn, startTestSink, type TestSink } from "../../test/mail-harness";
import type { Actor } from "../auth/actor";
import { db } from "../db";
import { createIncident } from "../incidents/create-incident";
import { postIncidentUpdate } from "../incidents/post-update";
import { listSubscribers, removeSubscriber } from "./admin-subscribers";
import { confirmSubscription } from "./confirm-subscription";
import { changeSubscriptionScope, readManagedSubscription, resubscribe, unsubscribe } from "./manage-subscription";
import { purgeUnconfirmedSubscribers } from "./purge-unconfirmed";
import { forgetRateLimiters } from "./rate-limits";
import { requestSubscription, SUBSCRIBE_ACCEPTED } from "./request-subscription";
import { SubscribeRequest, UnknownScopeError } from "./schemas";
import { InvalidSubscriptionLinkError } from "./subscriber-links";
import { hashToken } from "./tokens";
import { CreateIncident, PostIncidentUpdate } from "../incidents/schemas";
import { RemoveSubscriber } from "./schemas";
import { parsedVerb } from "../../test/verbs";

const verbs = {
  createIncident: parsedVerb(createIncident, CreateIncident),
  postIncidentUpdate: parsedVerb(postIncidentUpdate, PostIncidentUpdate),
  removeSubscriber: parsedVerb(removeSubscriber, RemoveSubscriber),
};

let sink: TestSink;
let editor: Actor;
let ipCounter = 0;
/** A fresh client address per request, so the per-IP limit stays out of tests about something else. */
const freshIp = () => `198.51.100.${++ipCounter % 250}-${ipCounter}`;
const visitor = (ip: string | null = freshIp(), now = new Date()) => ({ now, client: { ip, userAgent: null } });
/** As the routes call the verbs: input parsed with the verb's schema. */
const request = (input: z.input<typeof SubscribeRequest>, ip?: string | null) => requestSubscription({ ctx: visitor(ip), input: SubscribeRequest.parse(input) });
const confirm = (token: string, now = new Date()) => confirmSubscription({ ctx: visitor(null, now), input: { token } });

beforeAll(async () => {
  sink = await startTestSink();
  const admin = await db().adminUser.create({ data: { email: "editor@status.test", passwordHash: "x", role: "editor" } });
  editor = { adminId: admin.id, email: admin.email, role: "editor" };
});
afterAll(() => sink.close());
beforeEach(() => {
  sink.messages.length = 0;
  sink.refuse = null;
});

const mailsTo = (email: string) => sink.messages.filter((m) => m.recipients.includes(email));

async function subscribeAndConfirm(email: string, scope: { componentIds?: string[]; groupIds?: string[] } = {}): Promise<string> {
  await request({ email, ...scope });
  await drainOutbox(sink);
  const confirmation = mailsTo(email).at(-1)!;
  return (await confirm(confirmTokenIn(confirmation))).manageToken;
}

describe("subscriptions with real SMTP", () => {
  it("double opt-in, scoped fan-out (groups cover later components), one-click unsubscribe", async () => {
    const group = await db().componentGroup.create({ data: { name: "Publishing" } });
    const cms = await db().component.create({ data: { name: "CMS", groupId: group.id } });
    const website = await db().component.create({ data: { name: "Website" } });

    await request({ email: " Alice@Example.FM " });
    await request({ email: "bob@example.fm", componentIds: [website.id] });
    await request({ email: "carol@example.fm", groupIds: [group.id] });
    await request({ email: "dave@example.fm" }); // never confirms
    await drainOutbox(sink);
    expect(sink.messages.map((m) => m.recipients[0]).sort()).toEqual(["alice@example.fm", "bob@example.fm", "carol@example.fm", "dave@example.fm"]);
    const confirmation = mailsTo("carol@example.fm")[0]!;
    expect(confirmation.subject).toBe("[Status] Confirm your subscription");
    expect(confirmation.text).toContain("(Publishing (group))");
    expect(confirmation.html).toContain("/subscribe/confirm?token=");
    // The database holds the token's hash only.
    const token = confirmTokenIn(confirmation);
    const carolRow = await db().subscriber.findFirstOrThrow({ where: { email: "carol@example.fm" } });
    expect(carolRow.confirmTokenHash).toBe(hashToken(token));
    expect(JSON.stringify((await db().outboxMessage.findMany()).map((m) => m.payload))).not.toContain(token);

    const manage: Record<string, string> = {};
    for (const email of ["alice@example.fm", "bob@example.fm", "carol@example.fm"]) {
      manage[email] = (await confirm(confirmTokenIn(mailsTo(email)[0]!))).manageToken;
    }
    // A component added to the group after Carol subscribed is covered by her group scope.
    const feeds = await db().component.create({ data: { name: "Feeds", groupId: group.id } });

    sink.messages.length = 0;
    const incident = await verbs.createIncident(
      { name: "Feeds are late", body: "New episodes appear **late** in feeds.\n\n<script>alert(1)</script>", components: [{ componentId: feeds.id, status: "partial_outage" }] },
      editor,
    );
    await drainOutbox(sink);
    expect(sink.messages.map((m) => m.recipients[0]).sort()).toEqual(["alice@example.fm", "carol@example.fm"]);
    const mail = mailsTo("carol@example.fm")[0]!;
    expect(mail.subject).toBe("[Status] Investigating: Feeds are late (Feeds)");
    expect(mail.text).toContain("New episodes appear late in feeds."); // Markdown read as text
    expect(mail.text).toContain("Feeds: Partial outage");
    expect(mail.text).toContain(`/incidents/${incident.id}`);
    expect(mail.html).toContain("<strong>late</strong>");
    expect(mail.html).not.toContain("<script>");
    // One-click only: a mailto: address would have to be read by someone.
    expect(mail.headers).toMatch(/^List-Unsubscribe: <http:\/\/127\.0\.0\.1:3000\/api\/subscriptions\/unsubscribe\?token=[^>]+>$/m);
    expect(mail.headers).toMatch(/^Auto-Submitted: auto-generated$/m);
    expect(mail.headers).toMatch(/^List-Id: Status <updates\.127\.0\.0\.1>$/im);
    expect(mail.headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    const row = await db().outboxMessage.findFirstOrThrow({ where: { recipient: "carol@example.fm", incidentUpdateId: { not: null } } });
    expect(mail.messageId).toBe(row.messageId);
    expect(row.status).toBe("sent");
    expect(manageTokenIn(mail)).toBe(manage["carol@example.fm"]);

    // One-click unsubscribe through the route: 200, no cookie, no confirmation step.
    const unsubscribeUrl = /<(http[^>]+)>/.exec(/^List-Unsubscribe: (.*)$/m.exec(mailsTo("alice@example.fm")[0]!.headers)![1]!)![1]!;
    const response = await postOneClick(new Request(unsubscribeUrl, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
    expect(response.status).toBe(200);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect((await db().subscriber.findFirstOrThrow({ where: { email: "alice@example.fm" } })).status).toBe("unsubscribed");
    expect((await postOneClick(new Request(unsubscribeUrl, { method: "POST" }))).status).toBe(200); // idempotent

    sink.messages.length = 0;
    await verbs.postIncidentUpdate({ incidentId: incident.id, status: "resolved", body: "Feeds are current again." }, editor);
    await drainOutbox(sink);
    expect(sink.messages.map((m) => m.recipients[0])).toEqual(["carol@example.fm"]);
    expect(sink.messages[0]!.subject).toBe("[Status] Resolved: Feeds are late (Feeds)");

    // Bob changes his scope from the manage page; an update about the website reaches him.
    const bob = await changeSubscriptionScope({ ctx: visitor(), input: { manageToken: manage["bob@example.fm"]!, scope: { componentIds: [cms.id], groupIds: [] } } });
    expect(bob.scope.label).toBe("CMS");
    await expect(changeSubscriptionScope({ ctx: visitor(), input: { manageToken: manage["bob@example.fm"]!, scope: { componentIds: ["nope"], groupIds: [] } } })).rejects.toThrow(UnknownScopeError);
    // Resubscribing from the manage page works with the same link.
    expect(await resubscribe({ ctx: visitor(), input: { manageToken: manage["alice@example.fm"]! } })).toBe(true);
    expect((await readManagedSubscription(manage["alice@example.fm"]!)).status).toBe("confirmed");
  });

  it("rejects reused, expired, tampered and superseded confirmation tokens", async () => {
    await request({ email: "tokens@example.fm" });
    await drainOutbox(sink);
    const first = confirmTokenIn(mailsTo("tokens@example.fm")[0]!);
    await request({ email: "tokens@example.fm" }); // re-request voids `first`
    await drainOutbox(sink);
    const second = confirmTokenIn(mailsTo("tokens@example.fm")[1]!);
    expect(second).not.toBe(first);

    await expect(confirm(first)).rejects.toThrow(InvalidSubscriptionLinkError); // superseded
    const tampered = `${second.slice(0, -1)}${second.endsWith("A") ? "B" : "A"}`;
    await expect(confirm(tampered)).rejects.toThrow(InvalidSubscriptionLinkError);
    await expect(confirm("not a token")).rejects.toThrow(InvalidSubscriptionLinkError);
    await expect(confirm(second, new Date(Date.now() + 25 * 3600_000))).rejects.toThrow(InvalidSubscriptionLinkError); // expired
    const { manageToken } = await confirm(second);
    await expect(confirm(second)).rejects.toThrow(InvalidSubscriptionLinkError); // reused
    expect((await readManagedSubscription(manageToken)).status).toBe("confirmed");

    // Manage tokens: tampered or voided (tokenVersion bumped) ones are rejected.
    const [id, version, mac] = manageToken.split(".") as [string, string, string];
    await expect(readManagedSubscription(`${id}.${Number(version) + 1}.${mac}`)).rejects.toThrow(InvalidSubscriptionLinkError);
    await expect(unsubscribe({ ctx: visitor(), input: { manageToken: `${id}.${version}.${mac.replace(/^./, (c) => (c === "x" ? "y" : "x"))}` } })).rejects.toThrow(InvalidSubscriptionLinkError);
    await db().subscriber.update({ where: { id }, data: { tokenVersion: { increment: 1 } } });
    await expect(readManagedSubscription(manageToken)).rejects.toThrow(InvalidSubscriptionLinkError);
  });

  it("answers byte for byte the same for new, pending, confirmed and unsubscribed addresses", async () => {
    await subscribeAndConfirm("confirmed@example.fm");
    const gone = await subscribeAndConfirm("gone@example.fm");
    await unsubscribe({ ctx: visitor(), input: { manageToken: gone } });
    await request({ email: "pending@example.fm" });
    await drainOutbox(sink);

    const answer = async (email: string) => {
      const response = await postSubscription(
        new Request("http://127.0.0.1:3000/api/subscriptions", { method: "POST", body: JSON.stringify({ email }), headers: { "Content-Type": "application/json", "x-vigil-client-ip": freshIp() } }),
      );
      return `${response.status}\n${[...response.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n\n${await response.text()}`;
    };
    const answers = [await answer("new@example.fm"), await answer("pending@example.fm"), await answer("confirmed@example.fm"), await answer("gone@example.fm")];
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toContain(JSON.stringify(SUBSCRIBE_ACCEPTED));
    expect(answers[0]!.startsWith("202\n")).toBe(true);

    // And what each address then receives: a confirmation, a fresh confirmation, a manage link, a confirmation.
    sink.messages.length = 0;
    await drainOutbox(sink);
    const subjects = (email: string) => mailsTo(email).map((m) => m.subject);
    expect(subjects("new@example.fm")).toEqual(["[Status] Confirm your subscription"]);
    expect(subjects("pending@example.fm")).toEqual(["[Status] Confirm your subscription"]);
    expect(subjects("confirmed@example.fm")).toEqual(["[Status] You are already subscribed"]);
    expect(subjects("gone@example.fm")).toEqual(["[Status] Confirm your subscription"]);
    // A stranger's request does not change a confirmed subscriber's scope.
    expect((await db().subscriber.findFirstOrThrow({ where: { email: "confirmed@example.fm" } })).status).toBe("confirmed");
  });

  it("takes a plain HTML form post (the home page's form) and redirects to /subscribe saying what happened", async () => {
    const post = async (fields: Record<string, string>) => {
      const response = await postSubscription(
        new Request("http://127.0.0.1:3000/api/subscriptions", {
          method: "POST",
          body: new URLSearchParams(fields),
          headers: { "x-vigil-client-ip": freshIp() },
        }),
      );
      return { status: response.status, location: response.headers.get("location") };
    };
    expect(await post({ email: " Form@Example.FM ", website: "" })).toEqual({ status: 303, location: "/subscribe?sent=1" });
    expect(await db().outboxMessage.count({ where: { kind: "subscription_confirmation", recipient: "form@example.fm" } })).toBe(1);
    expect(await post({ email: "not an address" })).toEqual({
      status: 303,
      location: `/subscribe?error=${encodeURIComponent("email must be an address like name@example.com")}`,
    });
    // The honeypot answers like a success and writes nothing.
    expect(await post({ email: "bot@example.fm", website: "http://spam.example" })).toEqual({ status: 303, location: "/subscribe?sent=1" });
    expect(await db().outboxMessage.count({ where: { recipient: "bot@example.fm" } })).toBe(0);
  });

  it("writes to each subscriber in the language of the page they subscribed on, dates included; the page's own otherwise", async () => {
    const api = await db().component.create({ data: { name: "Translation API" } });
    // The subscribe form carries the page's language (a plain form post, as a visitor's browser sends it).
    const form = new URLSearchParams({ email: "greta@example.de", language: "de", website: "", scope: `component:${api.id}` });
    const posted = await postSubscription(
      new Request("http://127.0.0.1:3000/api/subscriptions", { method: "POST", body: form, headers: { "x-vigil-client-ip": freshIp() } }),
    );
    expect(posted.status).toBe(303);
    await request({ email: "pablo@example.es", language: "es", componentIds: [api.id] });
    await request({ email: "page-default@example.fm", componentIds: [api.id] });
    await drainOutbox(sink);

    const greta = mailsTo("greta@example.de")[0]!;
    expect(greta.subject).toBe("[Status] Bestätigen Sie Ihr Abonnement");
    expect(greta.text).toContain("Jemand – hoffentlich Sie – möchte die Statusmeldungen von Status (Translation API) an diese Adresse erhalten.");
    expect(mailsTo("pablo@example.es")[0]!.subject).toBe("[Status] Confirme su suscripción");
    expect(mailsTo("page-default@example.fm")[0]!.subject).toBe("[Status] Confirm your subscription");
    expect(await db().subscriber.findFirstOrThrow({ where: { email: "greta@example.de" }, select: { language: true } })).toEqual({ language: "de" });
    expect(() => SubscribeRequest.parse({ email: "x@example.fm", language: "fr" })).toThrow(ZodError);

    for (const email of ["greta@example.de", "pablo@example.es", "page-default@example.fm"]) await confirm(confirmTokenIn(mailsTo(email)[0]!));
    sink.messages.length = 0;
    await verbs.createIncident({ name: "Translations slow", body: "We are **on it**.", components: [{ componentId: api.id, status: "major_outage" }] }, editor);
    await drainOutbox(sink);
    const update = mailsTo("greta@example.de")[0]!;
    expect(update.subject).toBe("[Status] Wird untersucht: Translations slow (Translation API)");
    // "06.12.2026, 06:10 UTC": day, month, year and the 24-hour clock, as German readers write them.
    expect(update.text).toMatch(/^Wird untersucht — \d{2}\.\d{2}\.\d{4}, \d{2}:\d{2} UTC$/m);
    expect(update.text).toContain("- Translation API: Schwerer Ausfall");
    expect(update.text).toContain("We are on it.");
    expect(update.html).toContain('<html lang="de">');
    expect(mailsTo("pablo@example.es")[0]!.text).toMatch(/^Investigando — \d{1,2} [a-z]{3,4}\.? \d{4}, \d{1,2}:\d{2} UTC$/m);
    expect(mailsTo("page-default@example.fm")[0]!.text).toMatch(/^Investigating — \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/m);
  });

  it("rejects bad input with clear errors, and limited or honeypot requests answer the same and send nothing", async () => {
    const json = async (body: unknown) => {
      const response = await postSubscription(new Request("http://127.0.0.1:3000/api/subscriptions", { method: "POST", body: typeof body === "string" ? body : JSON.stringify(body), headers: { "x-vigil-client-ip": freshIp() } }));
      return { status: response.status, body: await response.json() };
    };
    expect(await json("{not json")).toEqual({ status: 400, body: { error: { code: "invalid_json", message: "the request body must be a JSON object" } } });
    expect(await json({ email: "nope" })).toMatchObject({ status: 422, body: { error: { code: "invalid_input", fieldErrors: { email: ["email must be an address like name@example.com"] } } } });
    expect(await json({})).toMatchObject({ status: 422, body: { error: { fieldErrors: { email: ["email is required"] } } } });
    expect(await json({ email: "a@example.fm", componentIds: "x" })).toMatchObject({ status: 422, body: { error: { fieldErrors: { componentIds: ["components must be a list of ids"] } } } });
    expect(await json({ email: "a@example.fm", componentIds: ["missing"] })).toMatchObject({ status: 422, body: { error: { code: "unknown_scope", message: "no component with id missing" } } });
    expect(await json({ email: "a@example.fm", groupIds: ["missing"] })).toMatchObject({ status: 422, body: { error: { code: "unknown_scope", message: "no group with id missing" } } });
    expect(await json([1, 2])).toMatchObject({ status: 400, body: { error: { code: "invalid_json" } } });
    expect(await json({ email: "x@example.fm", componentIds: Array.from({ length: 201 }, (_, i) => `c${i}`) })).toMatchObject({ status: 422, body: { error: { fieldErrors: { componentIds: ["at most 200 components"] } } } });
    expect(await db().outboxMessage.count({ where: { kind: "subscription_confirmation", recipient: "a@example.fm" } })).toBe(0);

    // Honeypot: same answer, nothing written.
    expect(await request({ email: "bot@example.fm", website: "http://spam.example" })).toEqual(SUBSCRIBE_ACCEPTED);
    // Per address (3 an hour by default) and per IP (10 an hour by default).
    forgetRateLimiters();
    for (let i = 0; i < 5; i++) expect(await request({ email: "flood@example.fm" })).toEqual(SUBSCRIBE_ACCEPTED);
    for (let i = 0; i < 12; i++) expect(await request({ email: `ip${i}@example.fm` }, "203.0.113.9")).toEqual(SUBSCRIBE_ACCEPTED);
    const queued = await db().outboxMessage.groupBy({ by: ["recipient"], where: { kind: "subscription_confirmation" }, _count: true });
    const count = (email: string) => queued.find((q) => q.recipient === email)?._count ?? 0;
    expect(count("bot@example.fm")).toBe(0);
    expect(count("flood@example.fm")).toBe(3);
    expect(queued.filter((q) => q.recipient.startsWith("ip")).length).toBe(10);
    sink.messages.length = 0;
    await drainOutbox(sink);
    expect(mailsTo("flood@example.fm")).toHaveLength(3);
    expect(mailsTo("bot@example.fm")).toHaveLength(0);
  });

  it("purges addresses left unconfirmed for 7 days, keeps younger and confirmed ones", async () => {
    const now = new Date();
    const days = (n: number) => new Date(now.getTime() - n * 24 * 3600_000);
    await db().subscriber.createMany({
      data: [
        { email: "old-pending@example.fm", status: "pending", confirmTokenHash: "h1", confirmTokenExpiresAt: days(6.5), createdAt: days(7.5) },
        { email: "young-pending@example.fm", status: "pending", confirmTokenHash: "h2", confirmTokenExpiresAt: days(5), createdAt: days(30) },
        { email: "old-confirmed@example.fm", status: "confirmed", createdAt: days(40) },
      ],
    });
    expect(await purgeUnconfirmedSubscribers(now)).toBe(1);
    const left = (await db().subscriber.findMany({ where: { email: { endsWith: "@example.fm", startsWith: "old-" } } })).map((s) => s.email);
    expect(left).toEqual(["old-confirmed@example.fm"]);
    expect(await db().subscriber.count({ where: { email: "young-pending@example.fm" } })).toBe(1);
  });

  it("lists and searches subscribers for the console, and removes one (audited)", async () => {
    const group = await db().componentGroup.create({ data: { name: "Audio" } });
    await subscribeAndConfirm("listed@example.org", { groupIds: [group.id] });
    const { total, subscribers } = await listSubscribers({ search: "LISTED@" });
    expect(total).toBe(1);
    expect(subscribers[0]).toMatchObject({ email: "listed@example.org", status: "confirmed", scope: "Audio (group)", groupIds: [group.id], permanentFailures: 0 });
    expect((await listSubscribers({ status: "confirmed", limit: 500 })).subscribers.every((s) => s.status === "confirmed")).toBe(true);
    await expect(listSubscribers({ limit: 0 })).rejects.toThrow(ZodError);
    await verbs.removeSubscriber({ id: subscribers[0]!.id }, editor);
    expect((await listSubscribers({ search: "listed@" })).total).toBe(0);
    expect(await db().auditLog.count({ where: { action: "subscriber.remove", objectId: subscribers[0]!.id } })).toBe(1);
    await expect(verbs.removeSubscriber({ id: subscribers[0]!.id }, editor)).rejects.toThrow("no subscriber with id");
    await expect(verbs.removeSubscriber({ id: "x" }, { ...editor, role: "viewer" })).rejects.toThrow("your role does not allow this");
  });
});
