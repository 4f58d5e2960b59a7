import "server-only";
import type { Prisma } from "../generated/prisma/client";

/** Components with a maintenance window in progress: monitors there do not open incidents. */
export async function componentsUnderMaintenance(tx: Prisma.TransactionClient, componentIds: readonly string[]): Promise<Set<string>> {
  if (componentIds.length === 0) return new Set();
  const links = await tx.incidentComponent.findMany({
    where: { componentId: { in: [...componentIds] }, incident: { kind: "maintenance", status: { in: ["in_progress", "verifying"] } } },
    select: { componentId: true },
  });
  return new Set(links.map((link) => link.componentId));
}
