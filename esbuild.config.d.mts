// Types of esbuild.config.mjs, for test/unit/build-catalogs.test.ts.
import type { BuildOptions } from 'esbuild';

/** The options of dist/dropcart.js and dist/dropcart.mjs (before terser). */
export declare const common: BuildOptions & { write: false };
