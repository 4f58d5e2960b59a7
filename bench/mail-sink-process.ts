// The benchmark's SMTP sink, in its own process so it does not share a CPU with the sender being
// measured (in production the SMTP server is another machine). Reports over IPC: on "stats" it
// answers { received, unique } (messages accepted, distinct Message-IDs); "reset" starts counting anew.
import { startSmtpSink } from "../lib/email/smtp-sink";

let received = 0;
let ids = new Set<string>();
const sink = await startSmtpSink({
  parse: false,
  onMessage: (message) => {
    received += 1;
    ids.add(message.messageId ?? "");
  },
});
process.on("message", (request: "stats" | "reset") => {
  if (request === "reset") {
    received = 0;
    ids = new Set();
  }
  process.send!({ received, unique: ids.size });
});
process.on("disconnect", () => void sink.close().then(() => process.exit(0)));
process.send!({ url: sink.url });
