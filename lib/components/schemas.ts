// Input of the component and group verbs; the console's actions and the admin API parse with these.
import { z } from "zod";
import { publicName } from "../text/safe-text";

const name = publicName(200);
const description = z
  .string()
  .trim()
  .max(1000)
  .nullish()
  .transform((value) => value || null);
const position = z.coerce.number().int("must be a whole number").min(0).max(100_000);

export const SaveComponent = z.object({
  /** Absent: create. */
  id: z.string().min(1).optional(),
  name,
  description,
  groupId: z
    .string()
    .nullish()
    .transform((value) => value || null),
  /** Absent: a new component goes last in its group, an edited one keeps its place. */
  position: position.optional(),
  showcase: z.boolean().default(true),
  onlyShowIfDegraded: z.boolean().default(false),
});
export type SaveComponent = z.infer<typeof SaveComponent>;

export const SaveComponentGroup = z.object({
  id: z.string().min(1).optional(),
  name,
  description,
  /** Absent: a new group goes after the others, an edited one keeps its place. */
  position: position.optional(),
});
export type SaveComponentGroup = z.infer<typeof SaveComponentGroup>;

export const DeleteComponent = z.object({ id: z.string().min(1) });
export type DeleteComponent = z.infer<typeof DeleteComponent>;

export const DeleteComponentGroup = z.object({ id: z.string().min(1) });
export type DeleteComponentGroup = z.infer<typeof DeleteComponentGroup>;

/** One step up or down the page order (page-order.ts): a group among groups, a component within its group. */
const Move = z.object({ id: z.string().min(1), direction: z.enum(["up", "down"], "must be up or down") });

export const MoveComponentGroup = Move;
export type MoveComponentGroup = z.infer<typeof MoveComponentGroup>;

export const MoveComponent = Move;
export type MoveComponent = z.infer<typeof MoveComponent>;
