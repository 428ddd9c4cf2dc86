// The build compiles the cart's htm templates to h() calls (esbuild.htm.mjs). What it makes must equal what htm
// makes at run time, which the unit and component tests use; the browser tests run the compiled build.
import { transform } from 'esbuild';
import htm from 'htm';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { compileHtm } from '../../esbuild.htm.mjs';

type Node = { type: unknown; props: Record<string, unknown> | null; children: unknown[] };
const h = (type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): Node => ({ type, props, children });
const html = htm.bind(h);

/** Runs `body` (which assigns `out`) once with htm at run time and once compiled, with the same scope. */
function both(body: string, scope: Record<string, unknown>): [unknown, unknown] {
  const names = Object.keys(scope);
  const run = (code: string, tag: unknown) => new Function('html', 'h$', ...names, `let out; ${code}; return out;`)(tag, h, ...Object.values(scope));
  const compiled = compileHtm(body);
  expect(compiled).not.toContain('html`');
  return [run(body, html), run(compiled, () => { throw new Error('html called at run time'); })];
}

describe('compiling htm templates at build time', () => {
  const Item = () => null;
  const cases: [string, string, Record<string, unknown>][] = [
    ['static elements, attributes and text', 'out = html`<div class="a" part="b"><p>Some <strong>text</strong></p></div>`', {}],
    ['fields as attributes, children and component types', 'out = html`<${Item} key=${id} line=${line} onRemove=${fn}>${label}<//>`', { Item, id: 'tee', line: { n: 1 }, fn: () => 1, label: 'Tee' }],
    ['an attribute joined from text and fields', 'out = html`<span class="badge ${kind} x${n}" title="${n}">${n}</span>`', { kind: 'big', n: 3 }],
    ['text around a field, and newlines that htm trims', 'out = html`<p>\n  Total: ${n} items\n  <b>now</b>\n</p>`', { n: 2 }],
    ['templates nested in fields, in a map', 'out = html`<ul>${list.map((x) => html`<li key=${x}>${x > 1 && html`<i>${x}</i>`}</li>`)}</ul>`', { list: [1, 2, 3] }],
    ['boolean attributes and several roots', 'out = html`<input disabled type="number" /><label for="q">Q</label>`', {}],
    ['a field that is a ternary with templates', 'out = html`<div>${ok ? html`<b>yes</b>` : html`<i>no</i>`}</div>`', { ok: false }],
  ];
  for (const [what, body, scope] of cases) {
    it(`makes what htm makes: ${what}`, () => {
      const [runtime, compiled] = both(body, scope);
      expect(compiled).toEqual(runtime);
    });
  }

  it('refuses spread attributes, which it does not compile', () => {
    expect(() => compileHtm('out = html`<div ...${props} />`')).toThrow(/spread/);
  });

  it('leaves no template of the cart to htm at run time', async () => {
    const { code } = await transform(await readFile('src/ui/cart.ts', 'utf8'), { loader: 'ts', format: 'esm' });
    expect(code).toContain('html`');
    expect(compileHtm(code)).not.toContain('html`');
  });
});
