export type DependencyFix = { pkg: string; version: string; why: string; edits: { file: string; from: string; to: string }[] };
export declare const FIXES: DependencyFix[];
export declare function patchDependencies(root: string, fixes?: DependencyFix[]): string[];
