// Mail the app sent, as its demo-mode SMTP sink captured it (CapturedMail), read from the app's
// database: where e2e/serve.ts put it.
import pg from "pg";
import { embeddedDatabaseUrl, EMBEDDED_DATABASE } from "../lib/postgres/embedded-server";
import { withDatabase } from "../lib/postgres/connection-config";

const appDatabaseUrl = process.env.DATABASE_URL
  ? withDatabase(process.env.DATABASE_URL, "vigil_e2e")
  : embeddedDatabaseUrl(Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54391), EMBEDDED_DATABASE);

export type CapturedMail = { subject: string; text: string; receivedAt: Date };

/** Every mail to `address` captured so far, oldest first. */
export async function mailsTo(address: string): Promise<CapturedMail[]> {
  const client = new pg.Client({ connectionString: appDatabaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ subject: string; text: string | null; receivedAt: Date }>(
      `SELECT subject, text, "receivedAt" FROM "CapturedMail" WHERE $1 = ANY(recipients) ORDER BY id`,
      [address],
    );
    return rows.map((row) => ({ ...row, text: row.text ?? "" }));
  } finally {
    await client.end();
  }
}

/** The text of the newest mail to `address` whose subject contains `subject`; waits up to 20 s for it. */
export async function newestMailTo(address: string, subject: string): Promise<string> {
  const client = new pg.Client({ connectionString: appDatabaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const { rows } = await client.query<{ text: string }>(
        `SELECT text FROM "CapturedMail" WHERE $1 = ANY(recipients) AND subject LIKE $2 ORDER BY id DESC LIMIT 1`,
        [address, `%${subject}%`],
      );
      if (rows[0]) return rows[0].text;
      if (Date.now() > deadline) throw new Error(`no "${subject}" mail to ${address} was captured`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  } finally {
    await client.end();
  }
}
