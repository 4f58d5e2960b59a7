// Read model of the public page: the page and its components, grouped and ordered.
import "server-only";
import { db } from "../db";
import type { ComponentStatus } from "../generated/prisma/enums";

export type PublicComponent = { id: string; name: string; description: string | null; status: ComponentStatus };
export type PublicComponentGroup = { id: string | null; name: string | null; components: PublicComponent[] };
export type PublicPage = { name: string; groups: PublicComponentGroup[] };

export async function readPublicPage(): Promise<PublicPage> {
  const [page, groups, components] = await Promise.all([
    db().page.findUnique({ where: { id: "page" } }),
    db().componentGroup.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }] }),
    db().component.findMany({
      where: { showcase: true },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { id: true, name: true, description: true, status: true, groupId: true, onlyShowIfDegraded: true },
    }),
  ]);
  const visible = components.filter((c) => !c.onlyShowIfDegraded || c.status !== "operational");
  const toPublic = ({ id, name, description, status }: (typeof visible)[number]): PublicComponent => ({
    id,
    name,
    description,
    status,
  });
  const grouped: PublicComponentGroup[] = groups
    .map((group) => ({
      id: group.id,
      name: group.name,
      components: visible.filter((c) => c.groupId === group.id).map(toPublic),
    }))
    .filter((group) => group.components.length > 0);
  const ungrouped = visible.filter((c) => c.groupId === null).map(toPublic);
  return {
    name: page?.name ?? "Status",
    groups: ungrouped.length > 0 ? [{ id: null, name: null, components: ungrouped }, ...grouped] : grouped,
  };
}
