// The one Prisma client. Only lib/ imports this module; everything else calls domain functions.
import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { env } from "./env";
import { StartupError } from "./errors";
import { parseDatabaseUrl } from "./postgres/connection-config";

const holder = globalThis as { vigilPrisma?: PrismaClient };

/** Lazily created so that importing lib/ (e.g. during `next build`) needs no database. */
export function db(): PrismaClient {
  if (!holder.vigilPrisma) {
    const url = databaseUrl();
    holder.vigilPrisma = new PrismaClient({
      adapter: new PrismaPg({ ...parseDatabaseUrl(url), max: 10, connectionTimeoutMillis: 5_000 }),
    });
  }
  return holder.vigilPrisma;
}

export function databaseUrl(): string {
  const url = env().DATABASE_URL;
  if (!url) {
    throw new StartupError("DATABASE_URL is not set; start Vigil with `npm start`, which provides one");
  }
  return url;
}

export async function disconnectDb(): Promise<void> {
  await holder.vigilPrisma?.$disconnect();
  holder.vigilPrisma = undefined;
}
