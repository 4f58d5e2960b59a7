// Where e2e/serve.ts leaves the launcher's first-run setup link for the admin specs.
import path from "node:path";

export const SETUP_LINK_FILE = path.resolve(".test-data/e2e-admin-setup-link");
