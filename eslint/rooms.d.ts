import type { ESLint } from 'eslint';

export const COMPOSITION_ROOT: string;
export const LIB_MAY_IMPORT: Record<string, readonly string[]>;
export function roomOf(path: string): string | undefined;
export function targetOf(file: string, specifier: string): string;
export function forbiddenImport(importerFile: string, target: string): string | undefined;
declare const plugin: ESLint.Plugin;
export default plugin;
