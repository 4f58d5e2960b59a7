// An SMTP server that accepts mail and hands each message to a callback. Two uses, one piece of code:
// the demo mode of `npm start` (no SMTP_URL: the worker runs this on 127.0.0.1 and stores what it
// catches as CapturedMail) and the tests and benchmark (a real SMTP peer to deliver to, which can
// also answer 4xx/5xx on demand).
import { SMTPServer } from "smtp-server";
import { logger } from "../log";

export type SinkMessage = {
  messageId: string | null;
  sender: string;
  recipients: string[];
  subject: string;
  text: string | null;
  html: string | null;
  /** Header lines as received (unfolded values), for List-Unsubscribe and DKIM checks. */
  headers: string;
};

/** An SMTP reply the sink gives instead of accepting: e.g. { code: 451, message: "try later" }. */
export type SinkRefusal = { code: number; message: string };

export type SmtpSinkOptions = {
  port?: number;
  /** Called for every accepted message; a throw makes the sink answer 451. */
  onMessage: (message: SinkMessage) => void | Promise<void>;
  /** Decides per message (after DATA) whether to refuse it instead; default: accept all. */
  refuse?: (envelope: { recipients: string[] }) => SinkRefusal | null;
  /** Parse bodies (subject, text, html); off when only counting (the benchmark). */
  parse?: boolean;
  /**
   * How long close() lets open connections finish before answering them 421 and hanging up
   * (smtp-server's default: 30 s). Short in the SMTP-outage drill: a server going down does not wait
   * for a client's idle pooled connections.
   */
  closeTimeoutMs?: number;
};

export type SmtpSink = { port: number; url: string; close(): Promise<void> };

export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 10 * 1024 * 1024,
    maxClients: 200,
    ...(options.closeTimeoutMs === undefined ? {} : { closeTimeout: options.closeTimeoutMs }),
    onData(stream, session, callback) {
      const recipients = session.envelope.rcptTo.map((r) => r.address);
      const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        void (async () => {
          const refusal = options.refuse?.({ recipients });
          if (refusal) return callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
          const raw = Buffer.concat(chunks);
          try {
            await options.onMessage(options.parse === false ? rawSummary(raw, sender, recipients) : await parseMessage(raw, sender, recipients));
            callback();
          } catch (error) {
            callback(Object.assign(new Error(`could not store the message: ${String(error)}`), { responseCode: 451 }));
          }
        })();
      });
    },
  });
  server.on("error", (error) => logger().error({ err: error }, "demo SMTP sink error"));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function parseMessage(raw: Buffer, sender: string, recipients: string[]): Promise<SinkMessage> {
  // Loaded with the first message: the parser is ~7 MB of heap that a demo install with no
  // subscribers (and the all-in-one process it runs in) never needs.
  const { simpleParser } = await import("mailparser");
  const parsed = await simpleParser(raw);
  return {
    messageId: parsed.messageId ?? null,
    sender,
    recipients,
    subject: parsed.subject ?? "",
    text: parsed.text ?? null,
    html: typeof parsed.html === "string" ? parsed.html : null,
    headers: parsed.headerLines.map((h) => h.line.replace(/\r?\n[ \t]+/g, " ")).join("\n"),
  };
}

/** Headers only, without decoding bodies: cheap enough for the benchmark's 10,000 messages. */
function rawSummary(raw: Buffer, sender: string, recipients: string[]): SinkMessage {
  const text = raw.toString("utf8");
  const end = text.indexOf("\r\n\r\n");
  const headers = (end === -1 ? text : text.slice(0, end)).replace(/\r\n[ \t]+/g, " ");
  const header = (name: string) => new RegExp(`^${name}: *(.*)$`, "im").exec(headers)?.[1]?.trim() ?? null;
  return { messageId: header("Message-ID"), sender, recipients, subject: header("Subject") ?? "", text: null, html: null, headers: headers.replace(/\r\n/g, "\n") };
}
