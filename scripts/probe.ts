// npm run -s probe -- <target> [options]: one check, run as the worker would (scripts/probe-cli.ts).
// This edge reads the arguments, the environment and the clock, and sets the exit code.
import { probeCli } from "./probe-cli";

process.exitCode = await probeCli(process.argv.slice(2), {
  env: process.env,
  now: new Date(),
  out: (text) => console.log(text),
  err: (text) => console.error(text),
});
