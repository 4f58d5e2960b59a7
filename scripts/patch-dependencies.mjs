// `npm install`'s step before `prisma generate` (package.json "postinstall"): fixes to packages in
// node_modules, each a piece of text replaced in one file of a pinned version. Text, not a diff
// file: Prisma's runtime is minified into 100 KB lines, which a diff repeats whole. A fix already
// applied is skipped; a package at another version, or a file that has neither the text nor its
// replacement, stops the install with a message — a fix is checked again on every upgrade.
// Plain JavaScript: it runs before anything is compiled.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** @type {import("./patch-dependencies.d.mts").DependencyFix[]} */
export const FIXES = [
  {
    pkg: "@prisma/adapter-pg",
    version: "7.10.1",
    why: "maps PostgreSQL's internal \"char\" type, which schema introspection (drift checks) reads",
    edits: [
      {
        file: "dist/index.js",
        from: "    case ScalarColumnType.OID:\n      return import_driver_adapter_utils.ColumnTypeEnum.Int64;\n    case ScalarColumnType.BPCHAR:",
        to: "    case ScalarColumnType.OID:\n      return import_driver_adapter_utils.ColumnTypeEnum.Int64;\n    case ScalarColumnType.CHAR:\n      return import_driver_adapter_utils.ColumnTypeEnum.Character;\n    case ScalarColumnType.BPCHAR:",
      },
      {
        file: "dist/index.mjs",
        from: "    case ScalarColumnType.OID:\n      return ColumnTypeEnum.Int64;\n    case ScalarColumnType.BPCHAR:",
        to: "    case ScalarColumnType.OID:\n      return ColumnTypeEnum.Int64;\n    case ScalarColumnType.CHAR:\n      return ColumnTypeEnum.Character;\n    case ScalarColumnType.BPCHAR:",
      },
    ],
  },
  {
    pkg: "@prisma/client",
    version: "7.10.0",
    why:
      "keeps the query parameterization graph's edges in Maps: as plain objects keyed by string-table indices (up to ~1,500 for Vigil's schema), V8 gave each of its ~1,100 nodes a mostly empty array of up to 12 KB — 10 MB of every process's heap (docs/benchmarks.md)",
    edits: ["runtime/client.mjs", "runtime/client.js"].flatMap((file) => [
      ["let i=this.#i(),o={};for(let s=0;s<i;s++){let a=this.#i(),u=this.#a()", "let i=this.#i(),o=new Map;for(let s=0;s<i;s++){let a=this.#i(),u=this.#a()"],
      ["P!==void 0&&(S.enumNameIndex=P),o[a]=S}", "P!==void 0&&(S.enumNameIndex=P),o.set(a,S)}"],
      ["let i=this.#i(),o={};for(let s=0;s<i;s++){let a=this.#i(),u=this.#o(),m=this.#o(),P={}", "let i=this.#i(),o=new Map;for(let s=0;s<i;s++){let a=this.#i(),u=this.#o(),m=this.#o(),P={}"],
      ["m!==void 0&&(P.outputNodeId=m),o[a]=P}", "m!==void 0&&(P.outputNodeId=m),o.set(a,P)}"],
      ["let o=n.edges[i];if(o)return{flags:", "let o=n.edges.get(i);if(o)return{flags:"],
      ["let o=n.edges[i];if(o)return{argsNodeId:", "let o=n.edges.get(i);if(o)return{argsNodeId:"],
    ].map(([from, to]) => ({ file, from, to }))),
  },
];

/** Applies `fixes` under `root`/node_modules; returns the packages fixed, throws on a mismatch. */
export function patchDependencies(root, fixes = FIXES) {
  const done = [];
  for (const fix of fixes) {
    const dir = path.join(root, "node_modules", fix.pkg);
    const { version } = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
    if (version !== fix.version) {
      throw new Error(`${fix.pkg} is ${version}, its fix in scripts/patch-dependencies.mjs is for ${fix.version}: check whether it is still needed, then update or drop it`);
    }
    /** Changed files, by path: each edit sees the edits before it. */
    const changed = new Map();
    for (const edit of fix.edits) {
      const file = path.join(dir, edit.file);
      const text = changed.get(file) ?? readFileSync(file, "utf8");
      const count = text.split(edit.from).length - 1;
      if (count === 1) changed.set(file, text.replace(edit.from, () => edit.to));
      else if (count > 1 || !text.includes(edit.to)) {
        throw new Error(`${fix.pkg} ${edit.file}: the text to replace is found ${count} times, its replacement ${text.includes(edit.to) ? "too" : "nowhere"}`);
      }
    }
    for (const [file, text] of changed) writeFileSync(file, text);
    done.push(`${fix.pkg}@${fix.version}`);
  }
  return done;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    console.log(`fixes applied: ${patchDependencies(process.cwd()).join(", ")} (scripts/patch-dependencies.mjs)`);
  } catch (error) {
    console.error(`patch-dependencies: ${error.message}`);
    process.exit(1);
  }
}
