// The channels as the console and the CLI show them: never a secret, only its hint, and what
// happened to their deliveries.
import "server-only";
import { db } from "../db";

export type AlertChannelView = {
  id: string;
  name: string;
  kind: string;
  enabled: boolean;
  managedByConfig: boolean;
  /** Where it sends, as far as that is no secret: the addresses, the ntfy server and topic, PagerDuty's endpoint, or the secret URL's hint. */
  destination: string;
  /** The channel's plain settings (never secrets): what an edit form starts from. */
  settings: { to?: string[]; url?: string; topic?: string; priority?: number; tags?: string[] };
  secretHints: Record<string, string>;
  secretRefs: Record<string, string>;
  sent: number;
  pending: number;
  failed: number;
  lastFailure: { at: Date; event: string; reason: string } | null;
};

export async function listAlertChannels(): Promise<AlertChannelView[]> {
  const [channels, counts, failures] = await Promise.all([
    db().alertChannel.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true, kind: true, enabled: true, managedByConfig: true, settings: true, secretHints: true, secretRefs: true } }),
    db().alertDelivery.groupBy({ by: ["channelId", "status"], _count: { _all: true } }),
    db().alertDelivery.findMany({
      where: { status: "failed" },
      orderBy: { updatedAt: "desc" },
      distinct: ["channelId"],
      select: { channelId: true, updatedAt: true, event: true, lastError: true },
    }),
  ]);
  return channels.map((channel) => {
    const count = (status: string) => counts.find((c) => c.channelId === channel.id && c.status === status)?._count._all ?? 0;
    const settings = channel.settings as AlertChannelView["settings"];
    const hints = channel.secretHints as Record<string, string>;
    const destination = settings.to?.join(", ") ?? (channel.kind === "ntfy" ? `${settings.url?.replace(/\/$/, "")}/${settings.topic}` : (settings.url ?? hints.url ?? ""));
    const failure = failures.find((f) => f.channelId === channel.id);
    return {
      id: channel.id,
      name: channel.name,
      kind: channel.kind,
      enabled: channel.enabled,
      managedByConfig: channel.managedByConfig,
      destination,
      settings,
      secretHints: hints,
      secretRefs: channel.secretRefs as Record<string, string>,
      sent: count("sent"),
      pending: count("pending"),
      failed: count("failed"),
      lastFailure: failure ? { at: failure.updatedAt, event: failure.event, reason: failure.lastError ?? "" } : null,
    };
  });
}
