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
  position: position.default(0),
  showcase: z.boolean().default(true),
  onlyShowIfDegraded: z.boolean().default(false),
});
export type SaveComponent = z.infer<typeof SaveComponent>;

export const SaveComponentGroup = z.object({
  id: z.string().min(1).optional(),
  name,
  description,
  position: position.default(0),
});
export type SaveComponentGroup = z.infer<typeof SaveComponentGroup>;

export const DeleteComponent = z.object({ id: z.string().min(1) });
export type DeleteComponent = z.infer<typeof DeleteComponent>;

export const DeleteComponentGroup = z.object({ id: z.string().min(1) });
export type DeleteComponentGroup = z.infer<typeof DeleteComponentGroup>;
