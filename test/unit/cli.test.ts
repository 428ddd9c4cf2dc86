// @vitest-environment node
// `dropcart catalog`: the demo shop's pages become a catalog with every product the pages show, priced by
// the widget's own parser; pages that disagree stop it with a message naming them; stdout carries the
// catalog and nothing else.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Window } from 'happy-dom';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCheckoutHandler, validateCatalog } from '../../src/server';
import { formatJson, main } from '../../src/server/cli';
import type { Catalog } from '../../src/server/types';

const repo = new URL('../..', import.meta.url).pathname;
const demo = join(repo, 'demo');

async function run(args: string[], cwd = repo) {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), cwd });
  return { code, stdout, stderr };
}

async function catalogOf(args: string[], cwd = repo): Promise<Catalog> {
  const result = await run(args, cwd);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Catalog;
}

let site = '';
beforeEach(() => {
  site = mkdtempSync(join(tmpdir(), 'dropcart-site-'));
});
afterEach(() => rmSync(site, { recursive: true, force: true }));

const CONFIG = { currency: 'USD', shipping: { methods: [{ id: 'std', label: 'Standard', amount: '5.00' }] }, tax: { rate: '10' } };

function page(name: string, products: string, config: unknown = CONFIG): void {
  const file = join(site, name);
  mkdirSync(join(file, '..'), { recursive: true });
  const script = config === null ? '' : `<script type="application/json" id="dropcart-config">${JSON.stringify(config)}</script>`;
  writeFileSync(file, `<!doctype html><html><head>${script}<script src="/dist/dropcart.js" defer></script></head><body>${products}</body></html>`);
}

const tee = (price = '19.99', extra = '') => `<div data-product-id="tee" data-product-name="Black tee" data-product-price="${price}" ${extra}></div>`;

describe('dropcart catalog on the demo shop', () => {
  /** Every product element of the demo's pages, read independently of the CLI (attributes, not the parser). */
  function demoProducts(): Map<string, Record<string, string>> {
    const found = new Map<string, Record<string, string>>();
    for (const file of readdirSync(demo).filter((f) => f.endsWith('.html'))) {
      const window = new Window({ url: `http://localhost/${file}` });
      const document = new window.DOMParser().parseFromString(readFileSync(join(demo, file), 'utf8'), 'text/html');
      for (const element of Array.from(document.querySelectorAll('[data-product-id][data-product-name][data-product-price]'))) {
        const attributes: Record<string, string> = {};
        for (const name of element.getAttributeNames()) attributes[name] = element.getAttribute(name) as string;
        found.set(attributes['data-product-id'] as string, attributes);
      }
      window.close();
    }
    return found;
  }

  it('reproduces every product of the demo pages, and nothing else', async () => {
    const catalog = await catalogOf(['catalog', 'demo']);
    const expected = demoProducts();
    expect(expected.size).toBeGreaterThan(10);
    expect(catalog.products.map((p) => p.id).sort()).toEqual([...expected.keys()].sort());
  });

  it('gives each demo product the price, options, shipping, tax and cap of its markup', async () => {
    const catalog = await catalogOf(['catalog', 'demo']);
    for (const [id, attributes] of demoProducts()) {
      const product = catalog.products.find((p) => p.id === id);
      // Option values back in the markup's own notation: "250 g|500 g[+11.00]".
      const options = (product?.options ?? []).map((o) => [o.name, o.values.map((v) => (v.delta === '0.00' || v.delta === undefined ? v.value : `${v.value}[${v.delta.startsWith('-') ? '' : '+'}${v.delta}]`)).join('|')]);
      const markupOptions = [1, 2, 3, 4, 5]
        .filter((n) => attributes[`data-product-option${n}-name`])
        .map((n) => [attributes[`data-product-option${n}-name`], (attributes[`data-product-option${n}-values`] as string).split('|').map((v) => v.trim()).join('|')]);
      expect({ id, price: product?.price, options, shippable: product?.shippable, taxable: product?.taxable, maxQuantity: product?.maxQuantity, name: product?.name }).toEqual({
        id,
        price: attributes['data-product-price'],
        options: markupOptions,
        shippable: attributes['data-product-shippable'] !== 'false',
        taxable: attributes['data-product-taxable'] !== 'false',
        maxQuantity: Number(attributes['data-product-max-quantity'] ?? 99),
        name: (attributes['data-product-name'] as string).replace(/\s+/g, ' ').trim(),
      });
    }
  });

  it('takes the store settings from the demo pages\' config', async () => {
    const catalog = await catalogOf(['catalog', 'demo']);
    expect(catalog.store).toEqual({
      currency: 'USD',
      shipping: { methods: [
        { id: 'standard', label: 'Standard (3–5 business days)', amount: '4.95', freeOver: '50.00' },
        { id: 'express', label: 'Express (1–2 business days)', amount: '12.00' },
      ] },
      tax: { rate: '8.25', included: false, shipping: false },
      maxQuantity: 99,
    });
  });

  it('prints a catalog the handler starts with', async () => {
    const catalog = await catalogOf(['catalog', 'demo']);
    expect(validateCatalog(catalog).ok).toBe(true);
    expect(() => createCheckoutHandler({ catalog, clientId: 'id', clientSecret: 'secret', environment: 'sandbox' })).not.toThrow();
  });

  it('prints only the catalog on stdout', async () => {
    const result = await run(['catalog', 'demo']);
    expect(() => JSON.parse(result.stdout)).not.toThrow();
    expect(result.stdout.endsWith('}\n')).toBe(true);
  });

  it('built demo/server/catalog.json (kept in step with the demo pages)', async () => {
    const catalog = await catalogOf(['catalog', 'demo', 'demo/server/later-products.json']);
    expect(readFileSync(join(demo, 'server/catalog.json'), 'utf8')).toBe(`${formatJson(catalog)}\n`);
  });
});

describe('dropcart catalog', () => {
  it('reads a folder and its subfolders, skipping dot-folders', async () => {
    page('index.html', tee());
    page('shop/mugs.html', '<div data-product-id="mug" data-product-name="Mug" data-product-price="12.00"></div>');
    page('.drafts/old.html', '<div data-product-id="old" data-product-name="Old" data-product-price="1.00"></div>');
    const catalog = await catalogOf(['catalog', site]);
    expect(catalog.products.map((p) => p.id)).toEqual(['tee', 'mug']);
  });

  it('reads single HTML files', async () => {
    page('a.html', tee());
    page('b.html', '<div data-product-id="mug" data-product-name="Mug" data-product-price="12.00"></div>');
    const catalog = await catalogOf(['catalog', 'a.html', 'b.html'], site);
    expect(catalog.products.map((p) => p.id)).toEqual(['tee', 'mug']);
  });

  it('resolves relative product links against the page\'s own address', async () => {
    page('shop/tee.html', tee('19.99', 'data-product-url="../tee/" data-product-image="img/tee.jpg"'));
    const result = await run(['catalog', site]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
  });

  it('downloads pages given as URLs', async () => {
    const server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(`<script type="application/json" id="dropcart-config">{"currency":"EUR"}</script>${tee('9.50')}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const catalog = await catalogOf(['catalog', `http://127.0.0.1:${(server.address() as AddressInfo).port}/shop/`]);
      expect([catalog.store.currency, catalog.products[0]?.price]).toEqual(['EUR', '9.50']);
    } finally {
      server.close();
    }
  });

  it('merges a product shown on several pages', async () => {
    page('a.html', tee());
    page('b.html', tee() + tee());
    const catalog = await catalogOf(['catalog', site]);
    expect(catalog.products).toHaveLength(1);
  });

  it('stops on a product with different prices on two pages, naming it and the pages', async () => {
    page('a.html', tee('19.99'));
    page('sale.html', tee('9.99'));
    const result = await run(['catalog', site]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/product "tee" has different price: "19.99" on .*a\.html, "9.99" on .*sale\.html/);
  });

  it('stops on a product with different options on two pages', async () => {
    page('a.html', tee('19.99', 'data-product-option1-name="Size" data-product-option1-values="S|M"'));
    page('b.html', tee('19.99', 'data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]"'));
    const result = await run(['catalog', site]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/product "tee" has different options: Size: S\|M on .*a\.html, Size: S\|M\|L\[\+2\.00\] on .*b\.html/);
  });

  it('stops on a product with two prices on one page', async () => {
    page('a.html', tee('19.99') + tee('18.99'));
    expect((await run(['catalog', site])).code).toBe(1);
  });

  it('warns, and uses the first, when a product\'s name differs between pages', async () => {
    page('a.html', tee());
    page('b.html', '<div data-product-id="tee" data-product-name="Black T-shirt" data-product-price="19.99"></div>');
    const result = await run(['catalog', site]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: product "tee" has the name "Black tee" on .*a\.html and "Black T-shirt"/);
    expect(JSON.parse(result.stdout).products[0].name).toBe('Black tee');
  });

  it('stops when the pages\' configs disagree on prices, naming the setting and the pages', async () => {
    page('a.html', tee(), CONFIG);
    page('b.html', '', { ...CONFIG, tax: { rate: '20' } });
    const result = await run(['catalog', site]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/disagree on tax[^\n]*\n\s+.*a\.html: tax \{"rate":"10"[^\n]*\n\s+.*b\.html: tax \{"rate":"20"/);
  });

  it('ignores config keys that do not change prices', async () => {
    page('a.html', tee(), CONFIG);
    page('b.html', '', { ...CONFIG, locale: 'de', theme: { mode: 'dark' } });
    expect((await run(['catalog', site])).code).toBe(0);
  });

  it('treats a page with products but no config as using the defaults', async () => {
    page('a.html', tee(), CONFIG);
    page('b.html', '<div data-product-id="mug" data-product-name="Mug" data-product-price="12.00"></div>', null);
    const result = await run(['catalog', site]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/disagree on shipping, tax/);
  });

  it('skips pages without dropcart', async () => {
    page('a.html', tee(), CONFIG);
    page('about.html', '<p>About us</p>', null);
    expect((await run(['catalog', site])).code).toBe(0);
  });

  it('uses --config instead of the pages\' configs', async () => {
    page('a.html', tee(), CONFIG);
    page('b.html', '', { ...CONFIG, tax: { rate: '20' } });
    writeFileSync(join(site, 'store.json'), JSON.stringify({ currency: 'USD', tax: { rate: '7' } }));
    const catalog = await catalogOf(['catalog', 'a.html', 'b.html', '--config', 'store.json'], site);
    expect(catalog.store.tax).toEqual({ rate: '7', included: false, shipping: false });
  });

  it('stops on an invalid --config', async () => {
    page('a.html', tee());
    writeFileSync(join(site, 'store.json'), JSON.stringify({ currency: 'USD', tax: { rate: 'lots' } }));
    const result = await run(['catalog', 'a.html', '--config=store.json'], site);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/store\.json: config key "tax\.rate"/);
  });

  it('leaves out invalid product markup with a warning naming the page and element', async () => {
    page('a.html', tee() + '<div data-product-id="mug" data-product-name="Mug" data-product-price="12,00"></div>');
    const result = await run(['catalog', site]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/warning: .*a\.html: <div data-product-id="mug">: data-product-price "12,00"/);
    expect(JSON.parse(result.stdout).products.map((p: { id: string }) => p.id)).toEqual(['tee']);
  });

  it('reads schema.org microdata and JSON-LD and Snipcart products as the widget does (SPEC §9)', async () => {
    page(
      'a.html',
      `<div itemscope itemtype="https://schema.org/Product"><span itemprop="name">Mug</span><meta itemprop="sku" content="mug">
        <div itemprop="offers" itemscope itemtype="https://schema.org/Offer"><meta itemprop="price" content="12.00"><meta itemprop="priceCurrency" content="USD"></div></div>
      <button class="snipcart-add-item" data-item-id="cap" data-item-name="Cap" data-item-price='{"usd": 15}' data-item-shippable="false"
        data-item-custom1-name="Size" data-item-custom1-options="S|L[+2.00]">Add</button>
      <script type="application/ld+json">${JSON.stringify({ '@graph': [{ '@type': 'Product', name: 'Kettle', sku: 'KT-1', offers: [{ price: 49.9, priceCurrency: 'USD' }] }, { '@type': 'Product', name: 'Euro', sku: 'EU', offers: { price: 1, priceCurrency: 'EUR' } }] })}</script>`,
    );
    const result = await run(['catalog', site]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: .*a\.html: <script type="application\/ld\+json"> Product "EU": its offer is in EUR/);
    const products = (JSON.parse(result.stdout) as Catalog).products;
    expect(products.map((p) => [p.id, p.price, p.shippable, p.options?.map((o) => o.name) ?? []])).toEqual([
      ['mug', '12.00', true, []],
      ['cap', '15.00', false, ['Size']],
      ['KT-1', '49.90', true, []],
    ]);
  });

  it('adds the products of a JSON list, for products the pages add with scripts', async () => {
    page('a.html', tee());
    writeFileSync(join(site, 'more.json'), JSON.stringify({ products: [{ id: 'mug', name: 'Mug', price: '12.00' }] }));
    const catalog = await catalogOf(['catalog', 'a.html', 'more.json'], site);
    expect(catalog.products.map((p) => [p.id, p.price, p.maxQuantity])).toEqual([['tee', '19.99', 99], ['mug', '12.00', 99]]);
  });

  it('stops when a JSON list disagrees with a page about a product', async () => {
    page('a.html', tee());
    writeFileSync(join(site, 'more.json'), JSON.stringify({ products: [{ id: 'tee', name: 'Black tee', price: '1.00' }] }));
    const result = await run(['catalog', 'a.html', 'more.json'], site);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/product "tee" has different price: "19.99" on a\.html, "1.00" on more\.json/);
  });

  it('stops when there are no products at all', async () => {
    page('a.html', '<p>nothing for sale</p>');
    const result = await run(['catalog', site]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no products found/);
  });

  it('exits 2 with the usage for a missing command, input or unknown option', async () => {
    for (const args of [[], ['catalog'], ['catalogue', 'demo'], ['catalog', 'demo', '--configg', 'x']]) {
      const result = await run(args);
      expect([args, result.code, result.stdout]).toEqual([args, 2, '']);
      expect(result.stderr).toMatch(/Usage: dropcart catalog/);
    }
  });

  it('exits 2 for an input that does not exist', async () => {
    const result = await run(['catalog', 'no/such/site']);
    expect([result.code, result.stderr]).toEqual([2, 'dropcart catalog: no/such/site does not exist.\n']);
  });

  it('runs under Node as the dropcart command', () => {
    const result = spawnSync(process.execPath, [join(repo, 'bin/dropcart.mjs'), 'catalog', 'demo'], { cwd: repo, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).version).toBe(1);
  });
});
