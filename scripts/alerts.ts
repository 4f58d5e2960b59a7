// Alert channels from the command line:
//   npm run -s alerts -- list          the channels, their kinds, hints of their secrets and deliveries
//   npm run -s alerts -- test <name>   send a test alert through one channel now; exit 1 when the
//                                      receiver refused it (or could not be reached), saying why
// Like `npm run -s admin`, it uses the running embedded database of the same DATA_DIR.
import { z } from "zod";
import { createAlertSender } from "../lib/alerts/alert-sender";
import { listAlertChannels } from "../lib/alerts/alert-channels-read";
import { ChannelName, SendTestAlert } from "../lib/alerts/schemas";
import { sendTestAlert } from "../lib/alerts/send-test-alert";
import { EnvError, publicHostname } from "../lib/env";
import { NotFoundError, StartupError } from "../lib/errors";
import { withCliDatabase } from "../lib/runtime/cli-database";

const USAGE = "usage: npm run -s alerts -- list | test <channel name>";

const Command = z.union([z.tuple([z.literal("list")]), z.tuple([z.literal("test"), ChannelName])], { error: "the command must be list or test <channel name>" });

async function main(): Promise<number> {
  const parsed = Command.safeParse(process.argv.slice(2));
  if (!parsed.success) {
    console.error(`${parsed.error.issues[0]!.message}\n${USAGE}`);
    return 64;
  }
  return withCliDatabase(async () => {
    if (parsed.data[0] === "list") {
      const channels = await listAlertChannels();
      if (channels.length === 0) console.log("no alert channels (declare them under alerts.channels in vigil.config.yaml)");
      for (const channel of channels) {
        const secrets = Object.entries(channel.secretHints).map(([field, hint]) => `${field} ${hint}`).join(", ");
        console.log(`${channel.name} (${channel.kind}${channel.enabled ? "" : ", disabled"}) ${channel.destination}${secrets ? ` [${secrets}]` : ""}: ${channel.sent} sent, ${channel.pending} pending, ${channel.failed} failed`);
      }
      return 0;
    }
    const sender = await createAlertSender();
    try {
      const ctx = { actor: { system: "cli" }, now: new Date(), messageIdDomain: publicHostname() };
      const result = await sendTestAlert({ ctx, input: SendTestAlert.parse({ name: parsed.data[1] }) }, sender);
      if (result.delivered) console.log(`${parsed.data[1]}: ${result.message}`);
      else console.error(`${parsed.data[1]}: not delivered: ${result.message}`);
      return result.delivered ? 0 : 1;
    } finally {
      await sender.agent.close();
    }
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const known = [EnvError, StartupError, NotFoundError].some((type) => error instanceof type);
    console.error(known ? (error as Error).message : `failed: ${String(error)}`);
    process.exit(1);
  },
);
