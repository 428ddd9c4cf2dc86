// Builds dist/: dropcart.js (minified IIFE for the <script> tag), dropcart.mjs (ES module for bundlers)
// and dropcart.d.ts (public types). `node esbuild.config.mjs --check` builds in memory and fails when
// dist/ differs, so a stale dist/ never lands (CI and `npm test` run it).
import { build, transform } from 'esbuild';
import { precompileHtm } from './esbuild.htm.mjs';
import { basename, dirname, join } from 'node:path';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const check = process.argv.includes('--check');
// nanostores 1.x keeps its change counter in `globalThis.nanostoresGlobal`, so that copies of it on one page
// share it. dropcart's copy is private to its bundle: it must add no global to the owner's page but
// `DropCart` (and a page that sets `nanostoresGlobal` to something odd must not break the cart).
const privateNanostores = {
  name: 'private-nanostores',
  setup(build) {
    build.onLoad({ filter: /nanostores[\\/]atom[\\/]index\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const shared = '(globalThis.nanostoresGlobal ||= { epoch: 0 })';
      if (!source.includes(shared)) throw new Error(`nanostores changed: ${args.path} no longer has ${shared}; update privateNanostores`);
      return { contents: source.replace(shared, '{ epoch: 0 }'), loader: 'js' };
    });
  },
};

// Each non-English catalog (src/i18n/xx.ts, an object with exactly en's keys: test/unit/i18n.test.ts) ships as one
// string, its texts in en's key order joined by "|" (src/i18n/values.ts unpacks the page's language only), instead
// of an object repeating every key. test/unit/build-catalogs.test.ts checks every text of the build.
const SEPARATOR = '|'; // src/i18n/values.ts
const catalogText = async (path) => {
  const { code } = await transform(await readFile(path, 'utf8'), { loader: 'ts', format: 'cjs' });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', code)(module, module.exports, () => ({}));
  return Object.values(module.exports)[0];
};
const compactCatalogs = {
  name: 'compact-catalogs',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]i18n[\\/](de|es|fr|it|ja|nl|pt)\.ts$/ }, async (args) => {
      const language = basename(args.path, '.ts');
      const [catalog, en] = await Promise.all([catalogText(args.path), catalogText(join(dirname(args.path), 'en.ts'))]);
      const keys = Object.keys(en);
      const extra = Object.keys(catalog).filter((key) => !(key in en));
      const missing = keys.filter((key) => typeof catalog[key] !== 'string');
      if (extra.length || missing.length) throw new Error(`${args.path}: keys not as in en.ts (missing ${missing}, extra ${extra})`);
      const texts = keys.map((key) => catalog[key]);
      const clash = keys.filter((key, i) => texts[i].includes(SEPARATOR));
      if (clash.length) throw new Error(`${args.path}: ${clash} hold "${SEPARATOR}", the separator of packed catalogs (src/i18n/values.ts)`);
      return { contents: `export const ${language} = ${JSON.stringify(texts.join(SEPARATOR))};\n`, loader: 'ts' };
    });
  },
};

// The stylesheets (src/ui/styles.ts) ship on one line: each of their lines ends a rule or a declaration (`;`, `{`,
// `}` or `,`), so the newlines between them mean nothing to CSS. Comments go first, so that backquotes in them
// cannot pair with those of the style strings. (−0.1 KB minified.)
const unwrapStyles = {
  name: 'unwrap-styles',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]ui[\\/]styles\.ts$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'ts', minifyWhitespace: true });
      return { contents: code.replace(/`[^`]*`/g, (text) => text.replace(/\n/g, '')), loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** The options of dist/dropcart.js and dist/dropcart.mjs (before terser); bench/run.mjs measures the bundle with them. */
export const common = {
  plugins: [privateNanostores, compactCatalogs, precompileHtm, unwrapStyles],
  bundle: true,
  minify: true,
  // Chrome 91, not 90: for Chrome 90 esbuild's compatibility table rewrites every `a?.b` into
  // `null == a ? void 0 : a.b` (−0.3 KB gzip, issue 6). Browsers as of 2021; README, FAQ "Which browsers?".
  target: ['chrome91', 'firefox90', 'safari15'],
  legalComments: 'none',
  write: false,
  metafile: true,
  // htm is used through its tagged template; preact's devtools never ship.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
};

// Builds when run (`node esbuild.config.mjs`), not when imported (bench/run.mjs imports `common`).
if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();

async function buildAll() {
  const outputs = [];
  const iife = await build({ ...common, entryPoints: ['src/index.ts'], format: 'iife', outfile: 'dist/dropcart.js' });
  const esm = await build({ ...common, entryPoints: ['src/module.ts'], format: 'esm', outfile: 'dist/dropcart.mjs' });
  // htm's runtime ships only if a template escaped precompileHtm (one written outside src/ui/cart.ts, say).
  for (const { metafile } of [iife, esm]) {
    const shipped = Object.values(metafile.outputs).flatMap((output) => Object.entries(output.inputs).filter(([, used]) => used.bytesInOutput > 0));
    const htmInput = shipped.map(([input]) => input).find((input) => /node_modules[\\/]htm[\\/]/.test(input));
    if (htmInput) throw new Error(`${htmInput} is in the bundle: an html\`…\` template is left to htm at run time; compile it in esbuild.htm.mjs`);
  }
  // The <script> file goes through terser's two-pass compressor too: 3–4 % smaller than esbuild alone (issue 6's
  // size budget). The ES module stays as esbuild writes it; the owner's bundler minifies it again anyway.
  // Its first line is V8's explicit compile hint (Chromium 136+; a plain comment elsewhere): the browser compiles
  // every function of the script while it downloads, on a background thread, instead of each one on the main thread
  // when first called. Measured on a 100-product page at 4× CPU throttling (a phone): dropcart's longest task
  // 83 → 64 ms, its tasks together 314 → 252 ms (medians of 10 loads); the price is ~0.1 MB more heap, the bytecode
  // of functions a visit may never call (checkout).
  const { minify } = await import('terser');
  for (const file of iife.outputFiles) {
    // ascii_only: terser would turn esbuild's \u escapes back into characters (✓, →, the Japanese texts), and a
    // script with any character beyond Latin-1 is held by V8 as a two-byte string: ~0.1 MB more memory on every
    // page than the same source in ASCII (heap snapshots: 218 → 121 KB of external strings). It also gzips
    // smaller (−112 B), the escapes of one script sharing their prefixes.
    const { code } = await minify(file.text, { compress: { passes: 2 }, mangle: true, ecma: 2020, format: { comments: false, ascii_only: true } });
    outputs.push([file.path, `//# allFunctionsCalledOnLoad\n${code}\n`]);
  }
  for (const file of esm.outputFiles) outputs.push([file.path, file.text]);

  // ---- Server mode (issue 8, SPEC §7): dist/server.mjs (`dropcart/server`), dist/cli.mjs (`npx dropcart`) and
  // dist/server.d.ts. ES modules for Node 20+, Deno, Bun and Workers, not minified (owners read their stack
  // traces); never part of dist/dropcart.js. happy-dom stays an import: only the CLI loads it.
  const server = await build({
    ...common,
    minify: false,
    platform: 'node',
    target: ['node20', 'es2022'],
    format: 'esm',
    entryPoints: { server: 'src/server/index.ts', cli: 'src/server/cli.ts' },
    outdir: 'dist',
    outExtension: { '.js': '.mjs' },
    // The code server.mjs and cli.mjs share (catalog, parser, money, config) ships once, in dist/server-shared.mjs.
    splitting: true,
    chunkNames: 'server-shared',
    external: ['happy-dom'],
  });
  for (const file of server.outputFiles) outputs.push([file.path, file.text]);
  const serverTypes = (await readFile('src/server/types.ts', 'utf8')).replace(/^\/\/.*\n/gm, '').trim();
  outputs.push([
    new URL('dist/server.d.ts', import.meta.url).pathname,
    `${serverTypes}

export declare function createCheckoutHandler(options: CheckoutHandlerOptions): CheckoutHandler;
export declare function validateCatalog(json: unknown): CatalogValidation;
export declare const MAX_BODY_BYTES: number;
export declare const PAYPAL_API_BASE: { readonly sandbox: string; readonly production: string };
`,
  ]);
  // ---- end of server mode

  const types = await readFile('src/types.ts', 'utf8');
  // The event map is made from DropCartEvents, so an event added there is typed on document too.
  const dts = `${types.replace(/^\/\/.*\n/gm, '').trim()}

/** The cart's API; the same object as window.DropCart. */
export declare const DropCart: DropCartApi;
export default DropCart;

/** Every \`dropcart:<name>\` event dispatched on document, with its detail type. */
export type DropCartDocumentEvents = { [K in DropCartEventName as \`dropcart:\${K}\`]: CustomEvent<DropCartEvents[K]> };

declare global {
  interface Window {
    readonly DropCart: DropCartApi;
  }
  /** The global the <script> tag sets, for scripts that call \`DropCart.open()\` without an import. */
  const DropCart: DropCartApi;
  interface DocumentEventMap extends DropCartDocumentEvents {}
}
`;
  outputs.push([new URL('dist/dropcart.d.ts', import.meta.url).pathname, dts]);

  let stale = [];
  for (const [path, text] of outputs) {
    const rel = path.slice(path.indexOf('/dist/') + 1);
    if (check) {
      const current = await readFile(path, 'utf8').catch(() => null);
      if (current !== text) stale.push(rel);
    } else {
      await mkdir('dist', { recursive: true });
      await writeFile(path, text);
    }
  }
  if (check && stale.length) {
    console.error(`dist/ is out of date (${stale.join(', ')}): run \`npm run build\` and commit dist/.`);
    process.exit(1);
  }
  if (!check) {
    // Keep the size quoted in the README true (test/unit/size.test.ts checks it against dist/).
    const { gzipSync } = await import('node:zlib');
    const js = outputs.find(([p]) => p.endsWith('dropcart.js'))[1];
    const gzip = gzipSync(js, { level: 9 }).length;
    const readme = await readFile('README.md', 'utf8');
    await writeFile('README.md', readme.replace(/(<!-- size:js -->)[\d.]+ KB/, `$1${(gzip / 1024).toFixed(1)} KB`));
    console.log(`dist/dropcart.js ${js.length} B, ${gzip} B gzip`);
  }
}
