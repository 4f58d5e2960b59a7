// The demo page seeded into an empty database by `npm start`, so a first run shows something
// real. Its monitors probe Vigil itself (works offline): the SSRF guard allows exactly these two URLs
// of PUBLIC_URL (selfCheckUrls), nothing else on this host. Replace them with your own endpoints.
import "server-only";
import { selfCheckUrls } from "../checks/probe-policy";
import { db } from "../db";

export async function seedDemoPageIfEmpty(publicUrl: string): Promise<boolean> {
  const self = selfCheckUrls(publicUrl);
  return db().$transaction(async (tx) => {
    // Serialises concurrent first starts against one database: only one seeds.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vigil:seed'))`;
    if ((await tx.page.count()) > 0 || (await tx.component.count()) > 0) return false;

    await tx.page.create({ data: { id: "page", name: "Vigil demo", url: publicUrl } });
    const website = await tx.componentGroup.create({ data: { name: "Website", position: 0 } });
    const publishing = await tx.componentGroup.create({
      data: { name: "Publishing", position: 1, description: "What publishers and listeners use" },
    });

    await tx.component.create({
      data: {
        name: "Status page",
        description: "This page",
        groupId: website.id,
        position: 0,
        monitors: {
          create: {
            name: "Status page responds",
            kind: "http",
            target: self.page,
            expectations: { keyword: "Vigil demo" },
          },
        },
      },
    });
    await tx.component.create({
      data: {
        name: "Health API",
        description: "Vigil's own health endpoint",
        groupId: website.id,
        position: 1,
        monitors: {
          create: {
            name: "Health endpoint answers",
            kind: "http",
            target: self.health,
            expectations: { expectedStatus: ["200"] },
          },
        },
      },
    });
    await tx.component.create({
      data: { name: "CMS", description: "Where publishers manage their shows", groupId: publishing.id, position: 0 },
    });
    await tx.component.create({
      data: { name: "Episode downloads", description: "Audio files and RSS feeds", groupId: publishing.id, position: 1 },
    });
    return true;
  });
}
