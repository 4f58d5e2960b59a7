export declare const DIST_DIR: string;
export declare const DIST_STAMP: string;
export declare const COMPILED_ENTRIES: Record<string, string>;
export declare function distIsCurrent(root: string): Promise<boolean>;
export declare function isNewerThanSources(builtFile: string, root: string, sources: string[], skip: Set<string>): Promise<boolean>;
