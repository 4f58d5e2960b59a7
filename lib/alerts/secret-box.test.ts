// The generated key file: a worker or web process started on its own, with an external database,
// may be the first process to use DATA_DIR, so the folder may not exist yet.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { alertSecretKey, openSecrets, sealSecrets } from "./secret-box";

const root = await mkdtemp(path.join(os.tmpdir(), "vigil-alert-key-"));
const saved = { DATA_DIR: process.env.DATA_DIR, ALERT_SECRET_KEY: process.env.ALERT_SECRET_KEY };
afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await rm(root, { recursive: true, force: true });
});

describe("the alert secret key without ALERT_SECRET_KEY", () => {
  it("is generated once into a DATA_DIR that does not exist yet, readable by its owner only", async () => {
    const dataDir = path.join(root, "not", "yet", "there");
    process.env.DATA_DIR = dataDir;
    delete process.env.ALERT_SECRET_KEY;
    const key = await alertSecretKey();
    expect(key).toHaveLength(32);
    const file = path.join(dataDir, "alert-secret.key");
    expect(Buffer.from((await readFile(file, "utf8")).trim(), "base64").equals(key)).toBe(true);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(openSecrets(sealSecrets({ url: "https://hooks.example.com/x" }, await alertSecretKey()), key)).toEqual({ url: "https://hooks.example.com/x" });
  });
});
