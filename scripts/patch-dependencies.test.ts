import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXES, patchDependencies } from "./patch-dependencies.mjs";

const temp: string[] = [];
afterAll(() => Promise.all(temp.map((dir) => rm(dir, { recursive: true, force: true }))));

const fix = FIXES[0]!;

/** A node_modules holding `fix`'s package at `version`, each file to edit holding `text(edit)`. */
async function fakeInstall(version: string, text: (edit: { from: string; to: string }) => string): Promise<string> {
  const root = await mkdtemp(path.join(os.tmpdir(), "vigil-patch-"));
  temp.push(root);
  const dir = path.join(root, "node_modules", fix.pkg);
  await mkdir(path.join(dir, "dist"), { recursive: true });
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ version }));
  for (const edit of fix.edits) await writeFile(path.join(dir, edit.file), `before\n${text(edit)}\nafter\n`);
  return root;
}

describe("fixes to dependencies", () => {
  it("are applied in this install's node_modules", async () => {
    for (const { pkg, edits } of FIXES) {
      for (const edit of edits) {
        const text = await readFile(path.join("node_modules", pkg, edit.file), "utf8");
        expect(text.includes(edit.to), `${pkg} ${edit.file}`).toBe(true);
        expect(text.includes(edit.from), `${pkg} ${edit.file}`).toBe(false);
      }
    }
  });

  it("replace the text, and leave a file already fixed as it is", async () => {
    const root = await fakeInstall(fix.version, (edit) => edit.from);
    const read = () => Promise.all(fix.edits.map((edit) => readFile(path.join(root, "node_modules", fix.pkg, edit.file), "utf8")));
    const fixed = fix.edits.map((edit) => `before\n${edit.to}\nafter\n`);
    expect(patchDependencies(root, [fix])).toEqual([`${fix.pkg}@${fix.version}`]);
    expect(await read()).toEqual(fixed);
    patchDependencies(root, [fix]);
    expect(await read()).toEqual(fixed);
  });

  it("stop at another version of the package, or at a file with neither the text nor its fix", async () => {
    const upgraded = await fakeInstall("99.0.0", (edit) => edit.from);
    expect(() => patchDependencies(upgraded, [fix])).toThrow(`${fix.pkg} is 99.0.0, its fix in scripts/patch-dependencies.mjs is for ${fix.version}`);
    const changed = await fakeInstall(fix.version, () => "something else");
    expect(() => patchDependencies(changed, [fix])).toThrow("the text to replace is found 0 times, its replacement nowhere");
  });
});
