import { requireAdmin } from "@/lib/auth/require-admin";
import { listCapturedMails, type CapturedMailDto } from "@/lib/email/captured-mails";
import { env } from "@/lib/env";
import { formatTime } from "../../_components/format";

export default async function DemoMailsPage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  // Captured mails carry live confirmation and manage links: whoever reads them can act as those
  // subscribers, so reading them takes the role that may change subscribers.
  await requireAdmin("edit");
  const config = env();
  if (config.SMTP_URL) {
    return (
      <>
        <h1>Demo mails</h1>
        <p className="hint" data-testid="demo-mails-off">
          Mail goes out through the SMTP server set in SMTP_URL, so nothing is captured here. Delivery is tracked on the <a href="/admin/outbox">outbox</a> page.
        </p>
      </>
    );
  }
  const raw = (await searchParams).to;
  const to = typeof raw === "string" ? raw.trim().toLowerCase().slice(0, 254) : "";
  const mails = await listCapturedMails({ limit: 50, recipient: to || undefined });
  return (
    <>
      <h1>Demo mails</h1>
      <p className="hint">
        SMTP_URL is not set, so an in-process SMTP sink catches every mail instead of delivering it (the newest {config.CAPTURED_MAIL_LIMIT} are kept). Set SMTP_URL to send real mail.
      </p>
      <form method="get" className="filters" aria-label="Filter mails">
        <label className="check">
          To <input name="to" type="email" defaultValue={to} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {mails.length === 0 && <p className="empty">No mail captured{to ? ` for ${to}` : ""} yet.</p>}
      {mails.map((mail) => (
        <CapturedMail key={mail.id} mail={mail} />
      ))}
    </>
  );
}

function CapturedMail({ mail }: { mail: CapturedMailDto }) {
  return (
    <article className="card" data-testid="captured-mail" aria-label={mail.subject}>
      <h2>{mail.subject || "(no subject)"}</h2>
      <dl className="mail-meta">
        <dt>To</dt>
        <dd>{mail.recipients.join(", ")}</dd>
        <dt>From</dt>
        <dd>{mail.sender}</dd>
        <dt>Received</dt>
        <dd>{formatTime(mail.receivedAt)}</dd>
        {mail.messageId && (
          <>
            <dt>Message-ID</dt>
            <dd className="code">{mail.messageId}</dd>
          </>
        )}
      </dl>
      <pre className="mail-text" data-testid="mail-text">
        {mail.text ?? "(no text part)"}
      </pre>
      {mail.html && (
        <details>
          <summary>HTML part</summary>
          {/* Our own composed mail, still shown inert: sandbox="" runs no script, submits no form,
              opens nothing, and the srcdoc document inherits the console's CSP (so its inline
              styles are refused and it renders plain). */}
          <iframe sandbox="" srcDoc={mail.html} title={`HTML part of ${mail.subject}`} className="mail-html" data-testid="mail-html" />
          <details>
            <summary>HTML source</summary>
            <pre className="mail-text">{mail.html}</pre>
          </details>
        </details>
      )}
      <details>
        <summary>Headers</summary>
        <pre className="mail-text">{mail.headers}</pre>
      </details>
    </article>
  );
}
