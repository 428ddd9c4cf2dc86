// Markup of SPEC §9 read into data-product-* attributes (src/catalog/markup.ts), and through the shared
// parser into Products: what the browser tests cannot see (descriptions, which property wins, message names).
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromSchema, inputOf, schemaProducts, type Input } from '../../src/catalog/markup';
import { parseProduct } from '../../src/catalog/parse';
import { parseConfig, type Config } from '../../src/config';
import { ATTR } from '../../src/constants';
import { resetReported } from '../../src/log';
import type { Product } from '../../src/model';
import { MAX_MINOR, toDecimal } from '../../src/money';

const USD = parseConfig({});

function element(html: string): Element {
  document.body.innerHTML = html;
  return document.body.firstElementChild as Element;
}

function input(html: string, config: Config = USD): Input {
  const result = inputOf(element(html), config);
  if (!result) throw new Error('expected the element to be a product');
  return result;
}

function product(source: Input, el: Element = document.body, config: Config = USD): Product {
  const result = parseProduct(el, config, (name) => source.attrs[name] ?? null);
  if (!result.ok) throw new Error(result.reason);
  return result.product;
}

let warnings: string[] = [];
beforeEach(() => {
  resetReported();
  warnings = [];
  vi.spyOn(console, 'warn').mockImplementation((message: string) => void warnings.push(message));
  history.replaceState(null, '', '/shop/');
});
afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
});

describe('schema.org microdata', () => {
  const card = (inner: string, attrs = '') =>
    `<div itemscope itemtype="https://schema.org/Product" ${attrs}>
      <div itemprop="offers" itemscope itemtype="https://schema.org/Offer">
        <span itemprop="price" content="12.00">$12</span><meta itemprop="priceCurrency" content="usd">
        <a itemprop="url" href="/offer-page">offer</a>
      </div>${inner}</div>`;

  it("reads the product's own properties, not those of items nested in it", () => {
    const read = input(card(`<div itemprop="brand" itemscope itemtype="https://schema.org/Brand"><span itemprop="name">Acme</span></div>
      <h1 itemprop="name">Blue
        mug</h1><p itemprop="description">Holds   350 ml.</p><meta itemprop="sku" content="MUG-1">
      <img itemprop="image" src="img/mug.png"><a itemprop="url" href="/mug">page</a>`));
    expect(read.attrs).toEqual({
      [ATTR.id]: 'MUG-1',
      [ATTR.sku]: 'MUG-1',
      [ATTR.name]: 'Blue mug',
      [ATTR.description]: 'Holds 350 ml.',
      [ATTR.image]: 'img/mug.png',
      [ATTR.url]: '/mug',
      [ATTR.price]: '12.00',
    });
    expect(product(read, document.body.firstElementChild!)).toMatchObject({
      id: 'MUG-1',
      description: 'Holds 350 ml.',
      image: 'http://localhost:3000/shop/img/mug.png',
      url: 'http://localhost:3000/mug',
      price: 1200,
    });
  });

  it('uses productID when there is no sku, and names the properties for messages', () => {
    const read = input(card('<span itemprop="name">Mug</span><meta itemprop="productID" content="isbn:123">'));
    expect(read.attrs[ATTR.id]).toBe('isbn:123');
    expect(read.attrs[ATTR.sku]).toBeUndefined();
    expect(read.names).toMatchObject({ [ATTR.id]: 'itemprop="productID"', [ATTR.name]: 'itemprop="name"', [ATTR.price]: 'itemprop="price"' });
  });

  it('lets data-product-* attributes win, and a data-product-price makes a missing offer price no problem', () => {
    const read = input(
      '<div itemscope itemtype="http://schema.org/Product" data-product-price="5.00" data-product-name="Own name"><span itemprop="name">Mug</span><meta itemprop="sku" content="M"></div>',
    );
    expect(read.problem).toBeUndefined();
    expect(read.attrs).toMatchObject({ [ATTR.price]: '5.00', [ATTR.name]: 'Own name', [ATTR.id]: 'M' });
    expect(read.names?.[ATTR.name]).toBeUndefined(); // messages about it say data-product-name
  });

  it('is not a product when its type is not Product, or when a dropcart or Snipcart product is inside', () => {
    expect(inputOf(element('<div itemscope itemtype="https://schema.org/ProductGroup"><span itemprop="name">Cups</span></div>'), USD)).toBeNull();
    expect(inputOf(element(card('<div data-product-id="a" data-product-name="A" data-product-price="1"></div>')), USD)).toBeNull();
    expect(inputOf(element(card('<button class="snipcart-add-item" data-item-id="a"></button>')), USD)).toBeNull();
    // with Snipcart markup switched off, a Snipcart button inside does not count
    const noSnipcart = parseConfig({ scan: { snipcart: false } });
    expect(inputOf(element(card('<meta itemprop="sku" content="s"><button class="snipcart-add-item" data-item-id="a"></button>')), noSnipcart)).not.toBeNull();
  });

  it('is not read when scan.schemaOrg is false', () => {
    expect(inputOf(element(card('<meta itemprop="sku" content="s">')), parseConfig({ scan: { schemaOrg: false } }))).toBeNull();
  });
});

describe('schema.org JSON-LD', () => {
  const jsonLd = (json: Record<string, unknown>) => fromSchema(json, 'USD', (name) => `"${name}"`);

  it('finds Products at the top, in arrays, @graph, mainEntity, item lists and product groups', () => {
    const names = (json: unknown) => schemaProducts(json).map((p) => p.name);
    expect(names({ '@type': 'Product', name: 'A' })).toEqual(['A']);
    expect(names([{ '@type': 'Product', name: 'A' }, { '@type': 'Organization', name: 'Org' }])).toEqual(['A']);
    expect(
      names({
        '@graph': [
          { '@type': 'WebPage', mainEntity: { '@type': 'http://schema.org/Product', name: 'B' } },
          { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', item: { '@type': 'schema:Product', name: 'C' } }] },
          { '@type': 'ProductGroup', hasVariant: [{ '@type': ['Product', 'Thing'], name: 'D' }] },
        ],
      }),
    ).toEqual(['B', 'C', 'D']);
    expect(names('not an object')).toEqual([]);
  });

  it('reads the name, description, image object, url and a numeric price', () => {
    const read = jsonLd({
      '@type': 'Product',
      name: ' Kettle ',
      sku: 'K1',
      description: 'Boils\nwater.',
      image: { '@type': 'ImageObject', url: 'https://cdn.example/k.jpg' },
      url: 'https://shop.example/kettle',
      offers: { '@type': 'Offer', price: 49.9, priceCurrency: 'USD' },
    });
    expect(read.attrs).toEqual({
      [ATTR.id]: 'K1',
      [ATTR.sku]: 'K1',
      [ATTR.name]: 'Kettle',
      [ATTR.description]: 'Boils water.',
      [ATTR.image]: 'https://cdn.example/k.jpg',
      [ATTR.url]: 'https://shop.example/kettle',
      [ATTR.price]: '49.9',
    });
    expect(product(read)).toMatchObject({ price: 4990, description: 'Boils water.' });
  });

  it('takes an offer without priceCurrency as priced in the store currency, and reads priceSpecification', () => {
    expect(jsonLd({ sku: 'a', offers: { price: '3.00' } }).attrs[ATTR.price]).toBe('3.00');
    expect(jsonLd({ sku: 'a', offers: [{ priceSpecification: [{ price: '4.00', priceCurrency: 'USD' }] }] }).attrs[ATTR.price]).toBe('4.00');
  });

  it('never takes lowPrice or highPrice of an AggregateOffer', () => {
    const read = jsonLd({ sku: 'a', offers: { '@type': 'AggregateOffer', lowPrice: 1, highPrice: 2, price: 1.5, priceCurrency: 'USD' } });
    expect(read.attrs[ATTR.price]).toBeUndefined();
    expect(read.problem).toContain("an AggregateOffer's lowPrice is not a price");
  });

  it('names every currency it found when none is the store currency', () => {
    const read = jsonLd({ sku: 'a', offers: [{ price: 1, priceCurrency: 'eur' }, { price: 2, priceCurrency: 'GBP' }] });
    expect(read.problem).toBe('its offer is in EUR, GBP, not in USD, the store\'s currency; give it an Offer with "priceCurrency" "USD"');
  });
});

describe('Snipcart v3', () => {
  it('reads every data-item-* attribute it maps, and names them for messages', () => {
    const read = input(`<button class="snipcart-add-item" data-item-id="t" data-item-name="Tee" data-item-price="20"
      data-item-url="/t" data-item-description="Cotton." data-item-image="/t.jpg" data-item-max-quantity="4"
      data-item-shippable="false" data-item-taxable="false" data-item-quantity="3" data-item-weight="200"></button>`);
    expect(read.attrs).toEqual({
      [ATTR.id]: 't',
      [ATTR.name]: 'Tee',
      [ATTR.price]: '20',
      [ATTR.url]: '/t',
      [ATTR.description]: 'Cotton.',
      [ATTR.image]: '/t.jpg',
      [ATTR.maxQuantity]: '4',
      [ATTR.shippable]: 'false',
      [ATTR.taxable]: 'false',
      [ATTR.buttons]: 'none',
    });
    expect(read.quantity).toBe(3);
    expect(read.names?.[ATTR.maxQuantity]).toBe('data-item-max-quantity');
    expect(product(read)).toMatchObject({ description: 'Cotton.', maxQuantity: 4, shippable: false, taxable: false, buttons: { add: false, buy: false } });
  });

  it('turns custom fields with options into options in their order, whatever their numbers', () => {
    const read = input(`<button class="snipcart-add-item" data-item-id="t" data-item-name="Tee" data-item-price="20"
      data-item-custom4-name="Color" data-item-custom4-options="Red|Blue" data-item-custom4-value="Blue"
      data-item-custom2-name="Size" data-item-custom2-options="S|L[+5.00]" data-item-custom2-value="L"></button>`);
    const options = product(read).options.map((o) => [o.name, o.values.map((v) => [v.value, v.delta])]);
    expect(options).toEqual([
      ['Size', [['S', 0], ['L', 500]]],
      ['Color', [['Red', 0], ['Blue', 0]]],
    ]);
    expect(read.choices).toEqual({ Size: 'L', Color: 'Blue' });
    expect(read.names?.[ATTR.id]).toBe('data-item-id');
  });

  it('warns about a preselected value that is not an option and leaves it out', () => {
    const read = input('<button class="snipcart-add-item" data-item-id="t" data-item-custom1-name="Size" data-item-custom1-options="S|M" data-item-custom1-value="XL"></button>');
    expect(read.choices).toEqual({});
    expect(warnings).toEqual([expect.stringContaining('data-item-custom1-value "XL" is not one of data-item-custom1-options')]);
  });

  it('refuses more than five option fields and a quantity that is not a whole number ≥ 1', () => {
    const six = Array.from({ length: 6 }, (_, i) => `data-item-custom${i + 1}-name="O${i}" data-item-custom${i + 1}-options="a|b"`).join(' ');
    expect(input(`<button class="snipcart-add-item" ${six}></button>`).problem).toBe('it has more than 5 data-item-customN-options; dropcart supports 5');
    for (const quantity of ['0', '-1', '1.5', 'two', '10000']) {
      expect(input(`<button class="snipcart-add-item" data-item-quantity="${quantity}"></button>`).problem).toContain('data-item-quantity');
    }
  });

  it('takes the store currency from a price object, case-insensitively, and explains a missing one', () => {
    const priced = (json: string, config = USD) => input(`<button class="snipcart-add-item" data-item-price='${json}'></button>`, config);
    expect(priced('{"usd": 19.99, "cad": 25}').attrs[ATTR.price]).toBe('19.99');
    expect(priced('{"USD": "7.50"}').attrs[ATTR.price]).toBe('7.50');
    expect(priced('{"usd": 19.99}', parseConfig({ currency: 'CAD' })).problem).toBe(
      'data-item-price "{\\"usd\\": 19.99}" has no price in CAD, the store\'s currency; add one, like {"cad": 19.99}',
    );
    expect(priced('{"usd": 1').problem).toContain('has no price in USD');
  });

  it('reads any amount written as a JSON number in a price object exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: MAX_MINOR }), (minor) => {
        const decimal = toDecimal(minor, 'USD');
        const read = input(`<button class="snipcart-add-item" data-item-id="p" data-item-name="P" data-item-price='{"usd": ${decimal}}'></button>`);
        return product(read).price === minor;
      }),
    );
  });

  it('is not read when scan.snipcart is false', () => {
    expect(inputOf(element('<button class="snipcart-add-item" data-item-id="t"></button>'), parseConfig({ scan: { snipcart: false } }))).toBeNull();
  });
});
