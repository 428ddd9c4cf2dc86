import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ownerControlledOptions, parseOptionValues, parseProduct, readChoices } from '../../src/catalog/parse';
import { parseConfig, type Config } from '../../src/config';
import { ATTR, MAX_OPTIONS, optionNameAttr, optionValuesAttr } from '../../src/constants';
import type { Product } from '../../src/model';
import { MAX_MINOR, toDecimal } from '../../src/money';

const USD = parseConfig({});
const JPY = parseConfig({ currency: 'JPY' });

type Attrs = Record<string, string>;

const tee: Attrs = { [ATTR.id]: 'tee', [ATTR.name]: 'Black tee', [ATTR.price]: '19.99' };

/** A product element in the page, so it has the page as its ownerDocument. */
function productElement(attrs: Attrs, tag = 'div'): Element {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  document.body.append(el);
  return el;
}

function parse(attrs: Attrs, config: Config = USD) {
  return parseProduct(productElement(attrs), config);
}

function accepted(attrs: Attrs, config: Config = USD): Product {
  const result = parse(attrs, config);
  if (!result.ok) throw new Error(`expected the product to be accepted, got: ${result.reason}`);
  return result.product;
}

function rejection(attrs: Attrs, config: Config = USD): string {
  const result = parse(attrs, config);
  if (result.ok) throw new Error(`expected the product to be rejected, got ${JSON.stringify(result.product)}`);
  return result.reason;
}

const option = (n: number, name: string, values: string): Attrs => ({ [optionNameAttr(n)]: name, [optionValuesAttr(n)]: values });

beforeEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, '', '/');
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('parseProduct: accepted markup', () => {
  it('reads a minimal product and fills every default from the store config', () => {
    expect(accepted(tee)).toEqual({
      id: 'tee',
      name: 'Black tee',
      price: 1999,
      description: null,
      image: null,
      url: 'http://localhost:3000/',
      sku: 'tee',
      maxQuantity: 99,
      shippable: true,
      taxable: true,
      options: [],
      hostedButtonId: null,
      buttons: { add: true, buy: true },
    });
  });

  const goodRows: { title: string; attrs: Attrs; config?: Config; expected: Partial<Product> }[] = [
    { title: 'a whole-number price', attrs: { ...tee, [ATTR.price]: '20' }, expected: { price: 2000 } },
    { title: 'a price with one decimal', attrs: { ...tee, [ATTR.price]: '19.5' }, expected: { price: 1950 } },
    { title: 'a price with spaces around it', attrs: { ...tee, [ATTR.price]: '  19.99\n' }, expected: { price: 1999 } },
    { title: 'a yen price without decimals', attrs: { ...tee, [ATTR.price]: '1200' }, config: JPY, expected: { price: 1200 } },
    { title: 'the largest price dropcart accepts', attrs: { ...tee, [ATTR.price]: toDecimal(MAX_MINOR, 'USD') }, expected: { price: MAX_MINOR } },
    { title: 'the largest yen price dropcart accepts', attrs: { ...tee, [ATTR.price]: toDecimal(MAX_MINOR, 'JPY') }, config: JPY, expected: { price: MAX_MINOR } },
    { title: 'the smallest price', attrs: { ...tee, [ATTR.price]: '0.01' }, expected: { price: 1 } },
    {
      title: 'an id and a name with spaces around them, joining the name onto one line',
      attrs: { ...tee, [ATTR.id]: '  tee-1 ', [ATTR.name]: '\n  Black\n    tee  ' },
      expected: { id: 'tee-1', name: 'Black tee', sku: 'tee-1' },
    },
    { title: 'an id of 127 characters', attrs: { ...tee, [ATTR.id]: 'x'.repeat(127) }, expected: { id: 'x'.repeat(127) } },
    { title: 'a name longer than PayPal takes, in full', attrs: { ...tee, [ATTR.name]: 'n'.repeat(300) }, expected: { name: 'n'.repeat(300) } },
    { title: 'an explicit sku', attrs: { ...tee, [ATTR.sku]: ' TEE-BLK ' }, expected: { sku: 'TEE-BLK' } },
    { title: 'a description', attrs: { ...tee, [ATTR.description]: ' Soft cotton. ' }, expected: { description: 'Soft cotton.' } },
    { title: 'a max quantity with spaces', attrs: { ...tee, [ATTR.maxQuantity]: ' 5 ' }, expected: { maxQuantity: 5 } },
    {
      title: 'shippable "false" in any case as a digital good',
      attrs: { ...tee, [ATTR.shippable]: ' FALSE ' },
      expected: { shippable: false, taxable: true },
    },
    { title: 'taxable "false" as tax exempt', attrs: { ...tee, [ATTR.taxable]: 'false' }, expected: { taxable: false, shippable: true } },
    {
      title: 'shippable and taxable values other than "false" as true',
      attrs: { ...tee, [ATTR.shippable]: 'no', [ATTR.taxable]: '0' },
      expected: { shippable: true, taxable: true },
    },
    { title: 'a Hosted Button id', attrs: { ...tee, [ATTR.hostedButtonId]: ' ABCD1234EFGH5 ' }, expected: { hostedButtonId: 'ABCD1234EFGH5' } },
    { title: 'buttons "buy add" in any order', attrs: { ...tee, [ATTR.buttons]: 'buy  add' }, expected: { buttons: { add: true, buy: true } } },
    { title: 'buttons "add" alone', attrs: { ...tee, [ATTR.buttons]: ' ADD ' }, expected: { buttons: { add: true, buy: false } } },
    { title: 'buttons "buy" alone', attrs: { ...tee, [ATTR.buttons]: 'buy' }, expected: { buttons: { add: false, buy: true } } },
    { title: 'buttons "none"', attrs: { ...tee, [ATTR.buttons]: 'none' }, expected: { buttons: { add: false, buy: false } } },
    {
      title: 'buttons from the store config when the product says nothing',
      attrs: tee,
      config: parseConfig({ buttons: { buy: false } }),
      expected: { buttons: { add: true, buy: false } },
    },
    {
      title: 'the store max quantity when the product says nothing',
      attrs: tee,
      config: parseConfig({ maxQuantity: 3 }),
      expected: { maxQuantity: 3 },
    },
    {
      title: 'an option with price changes in both directions',
      attrs: { ...tee, ...option(1, 'Size', 'S | M|L[+2.00]| XS [-1.00]') },
      expected: {
        options: [
          {
            name: 'Size',
            values: [
              { value: 'S', delta: 0 },
              { value: 'M', delta: 0 },
              { value: 'L', delta: 200 },
              { value: 'XS', delta: -100 },
            ],
          },
        ],
      },
    },
    {
      title: 'yen price changes without decimals',
      attrs: { ...tee, [ATTR.price]: '1200', ...option(1, 'Size', 'S|L[+200]') },
      config: JPY,
      expected: { options: [{ name: 'Size', values: [{ value: 'S', delta: 0 }, { value: 'L', delta: 200 }] }] },
    },
    {
      title: 'options 1 and 3 with option 2 left out, in order',
      attrs: { ...tee, ...option(3, 'Color', 'Black|White'), ...option(1, 'Size', 'M') },
      expected: {
        options: [
          { name: 'Size', values: [{ value: 'M', delta: 0 }] },
          { name: 'Color', values: [{ value: 'Black', delta: 0 }, { value: 'White', delta: 0 }] },
        ],
      },
    },
    {
      title: 'a reduction that leaves the cheapest choice at the smallest price',
      attrs: { ...tee, [ATTR.price]: '2.00', ...option(1, 'Size', 'M|XS[-1.99]') },
      expected: { price: 200 },
    },
    {
      title: 'empty option attributes from a template as no option',
      attrs: { ...tee, ...option(1, '', ' ') },
      expected: { options: [] },
    },
  ];

  it.each(goodRows)('accepts $title', ({ attrs, config, expected }) => {
    expect(accepted(attrs, config)).toMatchObject(expected);
  });

  it('resolves a relative image against the page and keeps an https image', () => {
    expect(accepted({ ...tee, [ATTR.image]: 'img/tee.jpg' }).image).toBe('http://localhost:3000/img/tee.jpg');
    expect(accepted({ ...tee, [ATTR.image]: 'https://cdn.example/tee.jpg' }).image).toBe('https://cdn.example/tee.jpg');
  });

  it('resolves a relative product URL against the page', () => {
    expect(accepted({ ...tee, [ATTR.url]: '/shop/tee.html#top' }).url).toBe('http://localhost:3000/shop/tee.html#top');
  });

  it('uses the page URL without its hash when the product has no URL', () => {
    history.replaceState(null, '', '/shop/?page=2#reviews');
    expect(accepted(tee).url).toBe('http://localhost:3000/shop/?page=2');
  });

  it('gives "[-0]" a price change of plain 0, not -0', () => {
    const product = accepted({ ...tee, ...option(1, 'Size', 'M[-0]') });
    expect(Object.is(product.options[0]?.values[0]?.delta, 0)).toBe(true);
  });

  it('drops a javascript: image with a warning naming the element, and keeps the product', () => {
    const warning = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = productElement({ ...tee, [ATTR.id]: 'tee-with-bad-image', [ATTR.image]: 'javascript:alert(1)' });
    const result = parseProduct(el, USD);
    expect(result).toMatchObject({ ok: true, product: { id: 'tee-with-bad-image', image: null } });
    expect(warning).toHaveBeenCalledTimes(1);
    const [message, subject] = warning.mock.calls[0] as [string, unknown];
    expect(message).toMatch(/^\[dropcart\] <div data-product-id="tee-with-bad-image">: data-product-image "javascript:alert\(1\)" is not an http\(s\) or relative URL/);
    expect(subject).toBe(el);
  });

  it('writes nothing to the console when it rejects a product', () => {
    const warning = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const failure = vi.spyOn(console, 'error').mockImplementation(() => {});
    rejection({ ...tee, [ATTR.price]: '1,99', [ATTR.image]: 'img/a.jpg' });
    expect(warning).not.toHaveBeenCalled();
    expect(failure).not.toHaveBeenCalled();
  });

  it('returns a frozen product', () => {
    const product = accepted({ ...tee, ...option(1, 'Size', 'S|M') });
    expect(Object.isFrozen(product)).toBe(true);
    expect(Object.isFrozen(product.options)).toBe(true);
    expect(Object.isFrozen(product.options[0]?.values[0])).toBe(true);
  });
});

describe('parseProduct: rejected markup', () => {
  const badRows: { title: string; attrs: Attrs; config?: Config; reason: string[] }[] = [
    {
      title: 'a price with a decimal comma, suggesting the dot',
      attrs: { ...tee, [ATTR.price]: '1,99' },
      reason: ['data-product-price "1,99" is not a decimal number with a "." separator and at most 2 decimals for USD (write "1.99")'],
    },
    {
      title: 'a price with thousands commas, suggesting the digits alone',
      attrs: { ...tee, [ATTR.price]: '1,299.00' },
      reason: ['data-product-price "1,299.00"', 'write "1299.00"'],
    },
    {
      title: 'a European-style price, suggesting the dot',
      attrs: { ...tee, [ATTR.price]: '1.299,50' },
      reason: ['data-product-price "1.299,50"', 'write "1299.50"'],
    },
    { title: 'a price with a currency symbol', attrs: { ...tee, [ATTR.price]: '$19.99' }, reason: ['"$19.99"', 'write "19.99"'] },
    { title: 'a price with a currency code', attrs: { ...tee, [ATTR.price]: '19.99 USD' }, reason: ['"19.99 USD"', 'write "19.99"'] },
    { title: 'a price in words, without guessing a number from it', attrs: { ...tee, [ATTR.price]: 'only 5 today' }, reason: ['"only 5 today"', 'write it like "19.99"'] },
    { title: 'a price with a space inside', attrs: { ...tee, [ATTR.price]: '1 999' }, reason: ['"1 999"', 'write "1999.00"'] },
    { title: 'a price ending in a dot', attrs: { ...tee, [ATTR.price]: '12.' }, reason: ['"12."', 'write "12.00"'] },
    { title: 'a price in exponent notation', attrs: { ...tee, [ATTR.price]: '1e3' }, reason: ['data-product-price "1e3" uses exponent notation', 'write the digits out'] },
    {
      title: 'a price with three decimals in dollars, suggesting it rounded',
      attrs: { ...tee, [ATTR.price]: '1.995' },
      reason: ['data-product-price "1.995" has too many decimals: USD has at most 2 decimals (write "2.00")'],
    },
    {
      title: 'a yen price with decimals, suggesting it rounded',
      attrs: { ...tee, [ATTR.price]: '1200.50' },
      config: JPY,
      reason: ['data-product-price "1200.50" has too many decimals: JPY has no decimals (write "1201")'],
    },
    { title: 'a yen price with a thousands comma', attrs: { ...tee, [ATTR.price]: '1,200' }, config: JPY, reason: ['a whole number for JPY', 'write "1200"'] },
    { title: 'a negative price', attrs: { ...tee, [ATTR.price]: '-5' }, reason: ['data-product-price "-5" is negative; a price must be more than 0 (write "5.00")'] },
    { title: 'a zero price', attrs: { ...tee, [ATTR.price]: '0' }, reason: ['data-product-price "0" is 0; a price must be more than 0'] },
    { title: 'a zero price with decimals', attrs: { ...tee, [ATTR.price]: '0.00' }, reason: ['"0.00" is 0'] },
    { title: 'an empty price', attrs: { ...tee, [ATTR.price]: '' }, reason: ['data-product-price is empty', '"19.99"'] },
    { title: 'a price of only spaces', attrs: { ...tee, [ATTR.price]: '   ' }, reason: ['data-product-price is empty'] },
    {
      title: 'a price above the largest dropcart accepts',
      attrs: { ...tee, [ATTR.price]: '100000000.00' },
      reason: [`data-product-price "100000000.00" is more than ${toDecimal(MAX_MINOR, 'USD')} USD, the largest amount PayPal accepts`],
    },
    { title: 'a price with more digits than any amount', attrs: { ...tee, [ATTR.price]: '1'.repeat(20) }, reason: ['the largest amount PayPal accepts'] },
    { title: 'an empty id', attrs: { ...tee, [ATTR.id]: '' }, reason: ['data-product-id is empty'] },
    { title: 'an id of only spaces', attrs: { ...tee, [ATTR.id]: '  ' }, reason: ['data-product-id is empty'] },
    { title: 'an id of 128 characters', attrs: { ...tee, [ATTR.id]: 'x'.repeat(128) }, reason: ['data-product-id is 128 characters long', 'at most 127'] },
    { title: 'a missing name', attrs: { [ATTR.id]: 'tee', [ATTR.price]: '1.00' }, reason: ['data-product-name is empty'] },
    { title: 'a name of only spaces', attrs: { ...tee, [ATTR.name]: ' \n ' }, reason: ['data-product-name is empty'] },
    { title: 'a sku of 128 characters', attrs: { ...tee, [ATTR.sku]: 's'.repeat(128) }, reason: ['data-product-sku is 128 characters long'] },
    { title: 'a max quantity of 0', attrs: { ...tee, [ATTR.maxQuantity]: '0' }, reason: ['data-product-max-quantity "0" is not a whole number from 1 to 9999', 'limit of 99'] },
    { title: 'a max quantity of 1.5', attrs: { ...tee, [ATTR.maxQuantity]: '1.5' }, reason: ['data-product-max-quantity "1.5" is not a whole number'] },
    { title: 'a max quantity that is not a number', attrs: { ...tee, [ATTR.maxQuantity]: 'abc' }, reason: ['data-product-max-quantity "abc"'] },
    { title: 'a max quantity above 9999', attrs: { ...tee, [ATTR.maxQuantity]: '10000' }, reason: ['data-product-max-quantity "10000"'] },
    { title: 'an empty max quantity', attrs: { ...tee, [ATTR.maxQuantity]: '' }, reason: ['data-product-max-quantity ""'] },
    {
      title: 'option values with an empty value between two bars',
      attrs: { ...tee, ...option(1, 'Size', 'S||M') },
      reason: ['data-product-option1-values "S||M": value 2 is empty (a stray "|" after "S")'],
    },
    { title: 'option values starting with a bar', attrs: { ...tee, ...option(1, 'Size', '|S') }, reason: ['value 1 is empty (a stray "|" at the start)'] },
    { title: 'option values ending with a bar', attrs: { ...tee, ...option(1, 'Size', 'S|') }, reason: ['value 2 is empty (a stray "|" at the end)'] },
    {
      title: 'text after a price change',
      attrs: { ...tee, ...option(1, 'Size', 'S|L[+2]x') },
      reason: ['data-product-option1-values "S|L[+2]x": value 2, "L[+2]x", has square brackets that are not a price change at its end; write a price change like "L[+2.00]"'],
    },
    { title: 'a price change without a sign', attrs: { ...tee, ...option(1, 'Size', 'L[2.00]') }, reason: ['the price change of "L" needs a sign: write "L[+2.00]"'] },
    { title: 'a price change without a value', attrs: { ...tee, ...option(1, 'Size', '[+1]') }, reason: ['"[+1]" has a price change but no value'] },
    { title: 'a price change with a decimal comma', attrs: { ...tee, ...option(2, 'Size', 'L[+2,00]') }, reason: ['data-product-option2-values "L[+2,00]": the price change "+2,00" of "L"', 'write "+2.00"'] },
    { title: 'a price change with too many decimals', attrs: { ...tee, ...option(1, 'Size', 'L[-0.505]') }, reason: ['the price change "-0.505" of "L" has too many decimals', 'write "-0.51"'] },
    { title: 'a yen price change with decimals', attrs: { ...tee, [ATTR.price]: '1200', ...option(1, 'Size', 'L[+1.5]') }, config: JPY, reason: ['JPY has no decimals'] },
    { title: 'a price change with no amount', attrs: { ...tee, ...option(1, 'Size', 'L[+]') }, reason: ['the price change "+" of "L" is empty'] },
    { title: 'a value listed twice', attrs: { ...tee, ...option(1, 'Size', 'S|M|S[+1.00]') }, reason: ['"S" is listed twice'] },
    { title: 'an option name without values', attrs: { ...tee, [optionNameAttr(1)]: 'Size' }, reason: ['data-product-option1-name "Size" has no values', 'data-product-option1-values'] },
    { title: 'option values without a name', attrs: { ...tee, [optionValuesAttr(4)]: 'S|M' }, reason: ['data-product-option4-values is set but data-product-option4-name is missing'] },
    {
      title: 'two options with the same name in different case',
      attrs: { ...tee, ...option(1, 'Color', 'Red'), ...option(2, 'color', 'Blue') },
      reason: ['data-product-option2-name "color" repeats the option "Color"'],
    },
    {
      title: 'a reduction that brings the price to 0, naming the value',
      attrs: { ...tee, [ATTR.price]: '1.00', ...option(1, 'Size', 'M|XS[-1.00]') },
      reason: ['the price change of "XS" (Size) takes the price of 1.00 down to 0.00 USD'],
    },
    {
      title: 'reductions in two options that together bring the price below 0',
      attrs: { ...tee, [ATTR.price]: '2.00', ...option(1, 'Size', 'M|XS[-1.00]'), ...option(2, 'Color', 'Plain[-1.50]|Red') },
      reason: ['"XS" (Size) with "Plain" (Color)', 'down to -0.50 USD'],
    },
    {
      title: 'a price change that takes the price above the largest PayPal accepts',
      attrs: { ...tee, [ATTR.price]: toDecimal(MAX_MINOR - 99, 'USD'), ...option(1, 'Size', 'M|XL[+1.00]') },
      reason: [`"XL" (Size) takes the price above ${toDecimal(MAX_MINOR, 'USD')} USD`],
    },
    { title: 'a Hosted Button id with a dash', attrs: { ...tee, [ATTR.hostedButtonId]: 'ABC-123' }, reason: ['data-product-hosted-button-id "ABC-123"', 'letters and digits only'] },
    { title: 'buttons separated by a comma', attrs: { ...tee, [ATTR.buttons]: 'add,buy' }, reason: ['data-product-buttons "add,buy" is not one of "add buy", "add", "buy" or "none"'] },
    { title: 'an unknown button', attrs: { ...tee, [ATTR.buttons]: 'all' }, reason: ['data-product-buttons "all"'] },
    { title: '"none" together with a button', attrs: { ...tee, [ATTR.buttons]: 'none add' }, reason: ['data-product-buttons "none add"'] },
    { title: 'empty buttons', attrs: { ...tee, [ATTR.buttons]: '' }, reason: ['data-product-buttons ""'] },
    { title: 'a javascript: product URL', attrs: { ...tee, [ATTR.url]: 'javascript:alert(1)' }, reason: ['data-product-url "javascript:alert(1)" is not an http(s) or relative URL'] },
  ];

  it.each(badRows)('rejects $title', ({ attrs, config, reason }) => {
    const text = rejection(attrs, config);
    for (const part of reason) expect(text).toContain(part);
  });
});

describe('parseOptionValues', () => {
  it('reads a single value', () => {
    expect(parseOptionValues('One size', 'USD')).toEqual({ ok: true, values: [{ value: 'One size', delta: 0 }] });
  });

  it('keeps the values in the written order, first being the default', () => {
    const result = parseOptionValues('L[+2.00]|S|M', 'EUR');
    expect(result.ok && result.values.map((v) => v.value)).toEqual(['L', 'S', 'M']);
  });

  it('rejects a bracket inside a value', () => {
    expect(parseOptionValues('Size [EU] 40', 'USD')).toMatchObject({ ok: false, reason: expect.stringContaining('value 1, "Size [EU] 40", has square brackets') });
  });

  it('rejects nested brackets', () => {
    expect(parseOptionValues('L[+[1]]', 'USD')).toMatchObject({ ok: false });
  });
});

describe('readChoices', () => {
  const shirt: Attrs = { ...tee, ...option(1, 'Size', 'S|M|L[+2.00]'), ...option(2, 'Color', 'Black|White') };

  /** A product element holding the given owner controls, plus its parsed product. */
  function withControls(build: (el: Element) => void): { el: Element; product: Product } {
    const el = productElement(shirt);
    build(el);
    return { el, product: accepted(shirt) };
  }

  function select(name: string, values: string[], chosen: string): HTMLSelectElement {
    const control = document.createElement('select');
    control.setAttribute(ATTR.option, name);
    for (const value of values) {
      const item = document.createElement('option');
      item.value = value;
      item.textContent = value;
      control.append(item);
    }
    control.value = chosen;
    return control;
  }

  function radio(name: string, value: string, checked = false): HTMLInputElement {
    const control = document.createElement('input');
    control.type = 'radio';
    control.name = `radio-${name}`;
    control.value = value;
    control.checked = checked;
    control.setAttribute(ATTR.option, name);
    return control;
  }

  it('chooses the first value of every option when the page has no controls and dropcart no choices', () => {
    const { el, product } = withControls(() => {});
    expect(readChoices(el, product)).toEqual({ ok: true, choices: [{ name: 'Size', value: 'S' }, { name: 'Color', value: 'Black' }] });
  });

  it("reads the owner's select", () => {
    const { el, product } = withControls((el) => el.append(select('Size', ['S', 'M', 'L'], 'L')));
    expect(readChoices(el, product)).toMatchObject({ ok: true, choices: [{ name: 'Size', value: 'L' }, { name: 'Color', value: 'Black' }] });
  });

  it("reads the owner's checked radio input", () => {
    const { el, product } = withControls((el) => el.append(radio('Color', 'Black'), radio('Color', 'White', true)));
    expect(readChoices(el, product)).toMatchObject({ ok: true, choices: [{ value: 'S' }, { name: 'Color', value: 'White' }] });
  });

  it('chooses the first value when none of the radio inputs is checked', () => {
    const { el, product } = withControls((el) => el.append(radio('Color', 'White'), radio('Color', 'Black')));
    expect(readChoices(el, product)).toMatchObject({ ok: true, choices: [{ value: 'S' }, { value: 'Black' }] });
  });

  it("takes dropcart's own choices for options without an owner control", () => {
    const { el, product } = withControls((el) => el.append(select('Size', ['S', 'M', 'L'], 'M')));
    const own = new Map([['Size', 'L'], ['Color', 'White']]);
    expect(readChoices(el, product, own)).toMatchObject({ ok: true, choices: [{ value: 'M' }, { value: 'White' }] });
  });

  it("falls back to the first value when dropcart's own choice is no longer offered", () => {
    const { el, product } = withControls(() => {});
    expect(readChoices(el, product, new Map([['Color', 'Green']]))).toMatchObject({ ok: true, choices: [{ value: 'S' }, { value: 'Black' }] });
  });

  it('rejects an owner select holding a value the option does not have, listing the values', () => {
    const { el, product } = withControls((el) => el.append(select('Size', ['S', 'XL'], 'XL')));
    const result = readChoices(el, product);
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.reason).toContain('<select data-product-option="Size"> holds "XL", which is not a value of the option "Size" ("S", "M", "L")');
  });

  it('rejects an owner control whose value still carries the price change', () => {
    const { el, product } = withControls((el) => el.append(radio('Size', 'L[+2.00]', true)));
    expect(readChoices(el, product)).toMatchObject({ ok: false, reason: expect.stringContaining('without any [+x] price change') });
  });

  it('ignores the controls of another product nested inside this one', () => {
    const { el, product } = withControls((el) => {
      const inner = document.createElement('div');
      for (const [name, value] of Object.entries(shirt)) inner.setAttribute(name, value);
      inner.setAttribute(ATTR.id, 'inner');
      inner.append(select('Size', ['S', 'M', 'L'], 'M'));
      el.append(inner);
    });
    expect(readChoices(el, product)).toMatchObject({ ok: true, choices: [{ value: 'S' }, { value: 'Black' }] });
  });

  it('reads a select for an option whose name needs CSS escaping', () => {
    const attrs = { ...tee, ...option(1, 'Size "EU"', '40|41') };
    const el = productElement(attrs);
    el.append(select('Size "EU"', ['40', '41'], '41'));
    expect(readChoices(el, accepted(attrs))).toEqual({ ok: true, choices: [{ name: 'Size "EU"', value: '41' }] });
  });

  it('gives a product without options no choices', () => {
    const el = productElement(tee);
    expect(readChoices(el, accepted(tee))).toEqual({ ok: true, choices: [] });
  });
});

describe('ownerControlledOptions', () => {
  it('names the options that have a select or radio inputs inside the product', () => {
    const attrs = { ...tee, ...option(1, 'Size', 'S|M'), ...option(2, 'Color', 'Black|White'), ...option(3, 'Fit', 'Slim|Loose') };
    const el = productElement(attrs);
    const size = document.createElement('select');
    size.setAttribute(ATTR.option, 'Size');
    const color = document.createElement('input');
    color.type = 'radio';
    color.setAttribute(ATTR.option, 'Color');
    el.append(size, color);
    expect(ownerControlledOptions(el, accepted(attrs))).toEqual(new Set(['Size', 'Color']));
  });

  it('ignores controls for unknown options and inputs that are not radios', () => {
    const attrs = { ...tee, ...option(1, 'Size', 'S|M') };
    const el = productElement(attrs);
    const checkbox = document.createElement('input');
    checkbox.type = 'checkbox';
    checkbox.setAttribute(ATTR.option, 'Size');
    const unknown = document.createElement('select');
    unknown.setAttribute(ATTR.option, 'Colour');
    el.append(checkbox, unknown);
    expect(ownerControlledOptions(el, accepted(attrs))).toEqual(new Set());
  });
});

describe('parseProduct with arbitrary markup', () => {
  const attributeNames = [
    ATTR.id, ATTR.name, ATTR.price, ATTR.description, ATTR.image, ATTR.url, ATTR.sku, ATTR.maxQuantity,
    ATTR.shippable, ATTR.taxable, ATTR.hostedButtonId, ATTR.buttons,
    ...Array.from({ length: MAX_OPTIONS }, (_, i) => [optionNameAttr(i + 1), optionValuesAttr(i + 1)]).flat(),
  ];
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }));
  /** Mostly text that is nearly right, sometimes anything: so that products are accepted often enough for
   * the checks on accepted products to run, and rejected in every way too. */
  const nearly = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: anyText, weight: 1 });
  const amount = fc.oneof(
    fc.integer({ min: 0, max: 99_999_999 }).map(String),
    fc.integer({ min: 0, max: 999 }).map(String),
    fc.integer({ min: 0, max: 9999 }).map((n) => toDecimal(n, 'USD')),
    fc.stringMatching(/^\d{1,13}(\.\d{0,3})?$/),
    fc.constantFrom('0', '0.01', '1', toDecimal(MAX_MINOR, 'USD'), toDecimal(MAX_MINOR, 'JPY')),
  );
  const change = fc.oneof(fc.constant(''), amount.map((a) => `[+${a}]`), amount.map((a) => `[-${a}]`), anyText.map((t) => `[${t}]`));
  const optionValues = fc
    .array(fc.tuple(nearly(fc.constantFrom('S', 'M', 'L', ' XL ', '')), change), { maxLength: 4 })
    .map((values) => values.map(([value, delta]) => value + delta).join('|'));
  const valueFor = (name: string): fc.Arbitrary<string> => {
    if (name === ATTR.id || name === ATTR.sku) return nearly(fc.stringMatching(/^[a-z0-9-]{1,20}$/));
    if (name === ATTR.name) return nearly(fc.constantFrom('Black tee', ' Mug\n'));
    if (name === ATTR.price) return nearly(amount);
    if (name === ATTR.image || name === ATTR.url) return nearly(fc.constantFrom('img/a.png', 'https://shop.example/a', 'javascript:x'));
    if (name === ATTR.maxQuantity) return nearly(fc.integer({ min: -1, max: 10_000 }).map(String));
    if (name === ATTR.buttons) return nearly(fc.constantFrom('add buy', 'buy', ' add ', 'none', 'none buy'));
    if (name === ATTR.hostedButtonId) return nearly(fc.stringMatching(/^[A-Z0-9]{0,13}$/));
    if (name.endsWith('-values')) return nearly(optionValues);
    if (name.endsWith('-name')) return nearly(fc.constantFrom('Size', 'Color', 'size'));
    return anyText;
  };
  const optionNames = new Set(Array.from({ length: MAX_OPTIONS }, (_, i) => [optionNameAttr(i + 1), optionValuesAttr(i + 1)]).flat());
  // Options come and go in name/values pairs most of the time, and alone sometimes.
  const optionPairs = fc.array(
    fc.tuple(fc.integer({ min: 1, max: MAX_OPTIONS }), valueFor(optionNameAttr(1)), valueFor(optionValuesAttr(1)), fc.constantFrom('both', 'both', 'both', 'name', 'values')),
    { maxLength: 3 },
  ).map((pairs) => {
    const attrs: Attrs = {};
    for (const [n, name, values, which] of pairs) {
      if (which !== 'values') attrs[optionNameAttr(n)] = name;
      if (which !== 'name') attrs[optionValuesAttr(n)] = values;
    }
    return attrs;
  });
  const markup = fc
    .tuple(
      fc.record(
        Object.fromEntries(attributeNames.filter((name) => !optionNames.has(name)).map((name) => [name, valueFor(name)])),
        // The scanner only hands over elements that carry these three (PRODUCT_SELECTOR).
        { requiredKeys: [ATTR.id, ATTR.name, ATTR.price] },
      ) as fc.Arbitrary<Attrs>,
      optionPairs,
    )
    .map(([attrs, options]) => ({ ...attrs, ...options }));

  it('never throws, and every accepted product has a whole price within PayPal limits for every choice', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    let acceptedCount = 0;
    fc.assert(
      fc.property(markup, fc.constantFrom(USD, JPY), (attrs, config) => {
        const el = document.createElement('div');
        for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
        const result = parseProduct(el, config);
        if (!result.ok) {
          expect(result.reason.length).toBeGreaterThan(0);
          return;
        }
        acceptedCount++;
        const { price, options } = result.product;
        expect(Number.isInteger(price)).toBe(true);
        expect(price).toBeGreaterThan(0);
        expect(price).toBeLessThanOrEqual(MAX_MINOR);
        // Every reachable unit price, as a set of sums so five options stay cheap to enumerate.
        let prices = new Set([price]);
        for (const productOption of options) {
          expect(productOption.values.length).toBeGreaterThan(0);
          const next = new Set<number>();
          for (const p of prices) for (const v of productOption.values) next.add(p + v.delta);
          prices = next;
        }
        for (const p of prices) {
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThan(0);
          expect(p).toBeLessThanOrEqual(MAX_MINOR);
        }
      }),
      { numRuns: 1000 },
    );
    // The generator must reach accepted products, or the checks above never ran.
    expect(acceptedCount).toBeGreaterThan(20);
  });
});
