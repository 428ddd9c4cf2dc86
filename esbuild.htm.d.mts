// Types of esbuild.htm.mjs, for test/unit/htm-precompile.test.ts.
import type { Plugin } from 'esbuild';

export declare const precompileHtm: Plugin;
/** `code` with every html`…` replaced by the h$() calls htm would make of it. */
export declare function compileHtm(code: string, file?: string): string;
