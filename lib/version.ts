import packageJson from "../package.json";

/** Vigil's version, as released in package.json. */
export const VIGIL_VERSION: string = packageJson.version;
