// A transaction whose query fetches several relations at once, through Vigil's Prisma client and
// through a plain PrismaPg adapter on the same database: only the plain one makes node-postgres
// warn. node-postgres warns once per process, so the plain client runs last.
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { PrismaClient } from "../generated/prisma/client";

const OVERLAP_WARNING = /already executing a query/;
const warnings: string[] = [];
const recordWarning = (warning: Error) => warnings.push(warning.message);
const overlapWarnings = () => warnings.filter((message) => OVERLAP_WARNING.test(message)).length;

beforeAll(async () => {
  process.on("warning", recordWarning);
  const component = await db().component.create({ data: { name: "CMS" } });
  await db().incident.create({
    data: {
      name: "Certificate expired",
      status: "investigating",
      components: { create: { componentId: component.id, status: "major_outage" } },
      updates: { create: { status: "investigating", body: "Looking into it." } },
    },
  });
});

afterAll(() => {
  process.off("warning", recordWarning);
});

/** Reads the incident with three relations (fetched at once by Prisma) inside a transaction. */
function readInTransaction(client: PrismaClient) {
  return client.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT 1`;
    return tx.incident.findMany({ include: { components: true, updates: true, reminders: true } });
  });
}

/** Lets a warning emitted on the last query reach its listeners (process.emitWarning defers it). */
const afterWarnings = () => new Promise((resolve) => setImmediate(resolve));

describe("a transaction reading several relations at once", () => {
  it("sends its queries one at a time through Vigil's client: no overlapping query on the connection", async () => {
    const [incident] = await readInTransaction(db());
    expect(incident?.components).toHaveLength(1);
    expect(incident?.updates).toHaveLength(1);
    expect(incident?.reminders).toEqual([]);
    await afterWarnings();
    expect(overlapWarnings()).toBe(0);
  });

  it("overlaps them through a plain PrismaPg adapter, which node-postgres warns of", async () => {
    const before = overlapWarnings();
    const plain = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL }) });
    try {
      const [incident] = await readInTransaction(plain);
      expect(incident?.updates).toHaveLength(1);
    } finally {
      await plain.$disconnect();
    }
    await afterWarnings();
    expect(overlapWarnings()).toBe(before + 1);
  });
});
