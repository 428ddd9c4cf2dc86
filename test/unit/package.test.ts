// @vitest-environment node
// The npm package as its users get it (issue 7, SPEC §1): what `npm pack` ships, the entry points of
// package.json (publint-style), dist/dropcart.mjs imported in plain Node as during server-side rendering,
// and dist/dropcart.d.ts seen from a consumer's TypeScript. Runs on the committed dist/ (`npm test` checks
// first that it is a fresh build).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS } from '../../src/constants';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, any>;
const relative = (target: string): string => target.replace(/^\.\//, '');

/** Every file path package.json points at: main, module, types, CDN fields, bin and all exports. */
function entryPoints(): string[] {
  const targets: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') targets.push(relative(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['main', 'module', 'types', 'unpkg', 'jsdelivr', 'bin', 'exports']) walk(pkg[field]);
  return targets;
}

describe('npm pack', () => {
  let packed: string[] = [];
  beforeAll(() => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    packed = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((file) => file.path).sort();
  }, 60_000);

  it('ships the built files, README, LICENSE and package.json, and nothing else', () => {
    // bin/ holds the `npx dropcart` launcher; CHANGELOG.md may be added for readers of the package.
    const allowed = /^(dist\/[\w.-]+\.(js|mjs|d\.ts)|bin\/[\w.-]+\.m?js|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;
    expect(packed.filter((path) => !allowed.test(path))).toEqual([]);
    for (const needed of ['dist/dropcart.js', 'dist/dropcart.mjs', 'dist/dropcart.d.ts', 'README.md', 'LICENSE', 'package.json']) {
      expect(packed).toContain(needed);
    }
  });

  it('ships every file package.json points at', () => {
    const targets = entryPoints();
    expect(targets).toEqual(expect.arrayContaining(['dist/dropcart.mjs', 'dist/dropcart.d.ts', 'dist/dropcart.js']));
    expect(targets.filter((target) => !packed.includes(target))).toEqual([]);
  });
});

describe('package.json', () => {
  it('exports the ES module with its types, types first in every condition list, and the browser script', () => {
    const main = pkg.exports['.'];
    expect(main).toMatchObject({ types: './dist/dropcart.d.ts', import: './dist/dropcart.mjs' });
    for (const [subpath, conditions] of Object.entries(pkg.exports as Record<string, unknown>)) {
      if (typeof conditions !== 'object' || conditions === null) continue;
      const keys = Object.keys(conditions);
      if (keys.includes('types')) expect(keys[0], `exports["${subpath}"]`).toBe('types');
      if (keys.includes('import')) expect((conditions as Record<string, string>).import, `exports["${subpath}"].import`).toMatch(/\.mjs$/);
    }
    expect(pkg.exports['./dist/dropcart.js']).toBe('./dist/dropcart.js');
    expect([pkg.types, pkg.main, pkg.unpkg, pkg.jsdelivr]).toEqual(['./dist/dropcart.d.ts', './dist/dropcart.mjs', './dist/dropcart.js', './dist/dropcart.js']);
  });

  it('marks the files that start the cart as side effects, so bundlers keep `import "dropcart"`', () => {
    expect(pkg.sideEffects).toEqual(expect.arrayContaining(['./dist/dropcart.js', './dist/dropcart.mjs']));
  });

  it('depends only on happy-dom, for `npx dropcart catalog`; the browser bundles import nothing', () => {
    // The catalog CLI (SPEC §7) parses pages in Node through a DOM library and must work after a plain
    // install; the widget never loads it.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(['happy-dom']);
    for (const file of ['dist/dropcart.js', 'dist/dropcart.mjs']) {
      const code = readFileSync(join(ROOT, file), 'utf8');
      expect(code, file).not.toMatch(/^\s*import[\s{*'"]|[;}]import\s*[{*'"]|\bimport\(|\brequire\(/m);
    }
  });
});

/** Runs an ES module script in a plain Node process (no DOM) and returns what it printed as JSON. */
function runInNode(script: string): unknown {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout);
}

describe('dist/dropcart.mjs in plain Node (server-side rendering)', () => {
  const url = JSON.stringify(pathToFileURL(join(ROOT, 'dist/dropcart.mjs')).href);

  it('imports without throwing and leaves the global object alone', () => {
    const result = runInNode(`
      const before = Object.getOwnPropertyNames(globalThis);
      const module = await import(${url});
      const added = Object.getOwnPropertyNames(globalThis).filter((name) => !before.includes(name));
      console.log(JSON.stringify({ added, exports: Object.keys(module).sort(), DropCart: typeof module.DropCart }));
    `);
    // nanostores keeps one epoch counter for all its copies on globalThis.nanostoresGlobal, by design
    // (node_modules/nanostores/atom/index.js); it is the only global the bundle may add.
    const { added, ...rest } = result as { added: string[] };
    expect(added.filter((name) => name !== 'nanostoresGlobal')).toEqual([]);
    expect(rest).toEqual({ exports: ['DropCart', 'default'], DropCart: 'undefined' });
  });

  it('does not read or write anything on a window that exists without a document', () => {
    const result = runInNode(`
      const touched = [];
      const note = (what) => (_, key) => { touched.push(what + ' ' + String(key)); return undefined; };
      globalThis.window = new Proxy({}, {
        get: note('get'), has: (_, key) => (touched.push('has ' + String(key)), false),
        set: (_, key) => (touched.push('set ' + String(key)), true), defineProperty: (_, key) => (touched.push('define ' + String(key)), true),
        deleteProperty: (_, key) => (touched.push('delete ' + String(key)), true), ownKeys: () => (touched.push('keys'), []),
      });
      await import(${url});
      console.log(JSON.stringify({ touched }));
    `);
    expect(result).toEqual({ touched: [] });
  });
});

describe('dist/dropcart.d.ts from a consumer project', () => {
  let dir = '';
  beforeAll(() => {
    // A project with dropcart installed: node_modules/dropcart is this package, resolved through its exports.
    dir = mkdtempSync(join(tmpdir(), 'dropcart-consumer-'));
    mkdirSync(join(dir, 'node_modules'));
    symlinkSync(ROOT, join(dir, 'node_modules', 'dropcart'), 'dir');
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    writeFileSync(
      join(dir, 'app.ts'),
      `import DropCartDefault, { DropCart, type AddOptions, type DropCartApi, type DropCartEvents, type ErrorDetail, type Line, type Totals } from 'dropcart';

const api: DropCartApi = DropCart;
const same: DropCartApi = DropCartDefault;

export async function shop(): Promise<string> {
  await api.ready;
  const options: AddOptions = { quantity: 2, options: { Size: 'L' } };
  const line: Line = await same.add('tee', options);
  const totals: Totals = DropCart.totals();
  const stop: () => void = DropCart.on('approve', (detail) => {
    const orderId: string = detail.orderId;
    const items: Line[] = detail.items;
    void orderId, items;
  });
  DropCart.on('error', (detail) => {
    const error: ErrorDetail = detail;
    void error.code.toUpperCase();
  });
  stop();
  // @ts-expect-error: not an event of dropcart
  DropCart.on('paid', () => {});
  // @ts-expect-error: details are typed, not any
  DropCart.on('add', (detail) => { const quantity: string = detail.quantity; void quantity; });
  // @ts-expect-error: window.DropCart cannot be replaced
  window.DropCart = api;
  window.DropCart.open();
  DropCart.setQuantity(line.id, 0);
  return totals.total + line.price;
}

${EVENTS.map(
  (name) => `document.addEventListener('dropcart:${name}', (event) => {
  const detail: DropCartEvents['${name}'] = event.detail;
  // @ts-expect-error: the detail of dropcart:${name} is typed, not any
  const wrong: number = event.detail;
  void detail, wrong;
});`,
).join('\n')}
`,
    );
    // A page script without imports, using the global the <script> tag sets.
    writeFileSync(
      join(dir, 'page.ts'),
      `/// <reference types="dropcart" />
DropCart.open();
const count: number = window.DropCart.totals().count;
document.addEventListener('dropcart:change', (event) => {
  const subtotal: string = event.detail.totals.subtotal;
  void subtotal, count;
});
`,
    );
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Type-checks the consumer project with dropcart's own TypeScript; returns tsc's messages. */
  function typeCheck(compilerOptions: Record<string, unknown>): string {
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, noEmit: true, target: 'es2022', lib: ['es2022', 'dom'], types: [], skipLibCheck: false, ...compilerOptions },
        files: ['app.ts', 'page.ts'],
      }),
    );
    const result = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    return `${result.stdout}${result.stderr}`.trim() + (result.status === 0 ? '' : `\n(exit ${result.status})`);
  }

  it('type-checks with a bundler’s module resolution', () => {
    expect(typeCheck({ module: 'esnext', moduleResolution: 'bundler' })).toBe('');
  }, 60_000);

  it('type-checks with Node’s ES module resolution', () => {
    expect(typeCheck({ module: 'nodenext', moduleResolution: 'nodenext' })).toBe('');
  }, 60_000);
});
