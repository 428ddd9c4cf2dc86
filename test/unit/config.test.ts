import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { parseConfig, readConfig, type Config } from '../../src/config';
import { CONFIG_ID } from '../../src/constants';
import { resetReported } from '../../src/log';
import { isSupportedCurrency } from '../../src/money';

let consoleError: MockInstance<typeof console.error>;

beforeEach(() => {
  resetReported();
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  document.body.innerHTML = '';
  document.head.innerHTML = '';
});

afterEach(() => {
  vi.restoreAllMocks();
});

const parse = (raw: unknown): { config: Config; problems: string[] } => {
  const problems: string[] = [];
  const config = parseConfig(raw, problems);
  return { config, problems };
};

const DEFAULTS = {
  currency: 'USD',
  currencySupported: true,
  locale: '',
  paypal: { clientId: null, environment: 'production', sdkBaseUrl: null, buttonStyle: null, serverUrl: null },
  shipping: { methods: [] },
  tax: { rate: null, included: false, shipping: false },
  maxQuantity: 99,
  buttons: { add: true, buy: true },
  cartButton: 'auto',
  storage: 'local',
  successUrl: null,
  messages: {},
  analytics: { dataLayer: 'auto' },
  scan: { schemaOrg: true, snipcart: true },
  theme: { accent: null, radius: null, font: null, mode: 'auto' },
};

function expectDeeplyFrozen(value: unknown, path = 'config'): void {
  if (typeof value !== 'object' || value === null) return;
  expect(Object.isFrozen(value), `${path} is frozen`).toBe(true);
  for (const key of Object.keys(value)) expectDeeplyFrozen((value as Record<string, unknown>)[key], `${path}.${key}`);
}

describe('parseConfig defaults', () => {
  it('gives every default when there is no config', () => {
    const { config, problems } = parse(undefined);
    expect(config).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('gives every default for an empty object', () => {
    const { config, problems } = parse({});
    expect(config).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
  });
});

describe('parseConfig keys', () => {
  const full = {
    currency: 'eur',
    locale: 'de-de',
    paypal: {
      clientId: ' AbC-123_x ',
      environment: 'sandbox',
      sdkBaseUrl: 'http://127.0.0.1:8080/sdk',
      buttonStyle: { color: 'blue', shape: 'pill' },
      serverUrl: 'https://shop.example/api/dropcart//',
    },
    shipping: {
      methods: [
        { id: 'standard', label: 'Standard', amount: '4.95', freeOver: '50' },
        { id: 'express', label: 'Express', amount: '12.5' },
      ],
    },
    tax: { rate: '19', included: true, shipping: true },
    maxQuantity: 10,
    buttons: { add: false, buy: true },
    cartButton: false,
    storage: 'session',
    successUrl: '/thanks',
    messages: { addToCart: 'In den Warenkorb' },
    analytics: { dataLayer: false },
    scan: { schemaOrg: false, snipcart: false },
    theme: { accent: ' #0a7 ', radius: '4px', font: 'Georgia, serif', mode: 'dark' },
  };

  it('reads every key of a complete config without a problem', () => {
    const { config, problems } = parse(full);
    expect(problems).toEqual([]);
    expect(config).toEqual({
      currency: 'EUR',
      currencySupported: true,
      locale: 'de-DE',
      paypal: {
        clientId: 'AbC-123_x',
        environment: 'sandbox',
        sdkBaseUrl: 'http://127.0.0.1:8080/sdk',
        buttonStyle: { color: 'blue', shape: 'pill' },
        serverUrl: 'https://shop.example/api/dropcart',
      },
      shipping: {
        methods: [
          { id: 'standard', label: 'Standard', amount: 495, freeOver: 5000 },
          { id: 'express', label: 'Express', amount: 1250, freeOver: null },
        ],
      },
      tax: { rate: { units: 19, scale: 0 }, included: true, shipping: true },
      maxQuantity: 10,
      buttons: { add: false, buy: true },
      cartButton: false,
      storage: 'session',
      successUrl: new URL('/thanks', document.baseURI).href,
      messages: { addToCart: 'In den Warenkorb' },
      analytics: { dataLayer: false },
      scan: { schemaOrg: false, snipcart: false },
      theme: { accent: '#0a7', radius: '4px', font: 'Georgia, serif', mode: 'dark' },
    });
  });

  it('returns a deeply frozen config', () => {
    expectDeeplyFrozen(parse(full).config);
  });

  it('returns a deeply frozen config of defaults', () => {
    expectDeeplyFrozen(parse(undefined).config);
  });

  it('parses shipping amounts in the currency’s decimals', () => {
    const { config, problems } = parse({ currency: 'JPY', shipping: { methods: [{ id: 'post', label: 'Post', amount: '800' }] } });
    expect(problems).toEqual([]);
    expect(config.shipping.methods[0]?.amount).toBe(800);
  });

  it('accepts "auto" and true for cartButton', () => {
    expect(parse({ cartButton: 'auto' }).config.cartButton).toBe('auto');
    expect(parse({ cartButton: true }).config.cartButton).toBe(true);
  });
});

describe('parseConfig environment', () => {
  it('uses the sandbox for the "test" client id', () => {
    expect(parse({ paypal: { clientId: 'test' } }).config.paypal.environment).toBe('sandbox');
  });

  it('uses production for any other client id', () => {
    expect(parse({ paypal: { clientId: 'AZ-live-id' } }).config.paypal.environment).toBe('production');
  });

  it('uses production when there is no client id', () => {
    expect(parse({}).config.paypal.environment).toBe('production');
  });

  it('keeps an explicit environment over the default', () => {
    expect(parse({ paypal: { clientId: 'AZ-live-id', environment: 'sandbox' } }).config.paypal.environment).toBe('sandbox');
    expect(parse({ paypal: { clientId: 'test', environment: 'production' } }).config.paypal.environment).toBe('production');
  });
});

describe('parseConfig URLs', () => {
  it.each([
    ['paypal.sdkBaseUrl', { paypal: { sdkBaseUrl: 'javascript:alert(1)' } }],
    ['paypal.serverUrl', { paypal: { serverUrl: 'javascript:alert(1)' } }],
    ['successUrl', { successUrl: 'javascript:alert(1)' }],
    ['successUrl', { successUrl: ' JavaScript:alert(1)' }],
    ['successUrl', { successUrl: 'java\tscript:alert(1)' }],
    ['successUrl', { successUrl: 'data:text/html,<script>alert(1)</script>' }],
  ])('refuses a script URL in %s', (key, raw) => {
    const { config, problems } = parse(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`"${key}"`);
    expect(config.successUrl).toBeNull();
    expect(config.paypal.sdkBaseUrl).toBeNull();
    expect(config.paypal.serverUrl).toBeNull();
  });

  it('resolves a relative URL against the page', () => {
    expect(parse({ successUrl: 'thanks.html' }).config.successUrl).toBe(new URL('thanks.html', document.baseURI).href);
  });
});

describe('parseConfig problems', () => {
  // [the key the message must name, the config]
  const cases: [string, unknown][] = [
    ['(root)', []],
    ['(root)', 42],
    ['(root)', 'USD'],
    ['(root)', null],
    ['currencyy', { currencyy: 'EUR' }],
    ['currency', { currency: 42 }],
    ['currency', { currency: 'US' }],
    ['currency', { currency: 'XYZ' }],
    ['locale', { locale: 5 }],
    ['locale', { locale: 'en_US!' }],
    ['paypal', { paypal: 'test' }],
    ['paypal.clientID', { paypal: { clientID: 'test' } }],
    ['paypal.clientId', { paypal: { clientId: 123 } }],
    ['paypal.clientId', { paypal: { clientId: 'abc&components=x' } }],
    ['paypal.environment', { paypal: { environment: 'live' } }],
    ['paypal.sdkBaseUrl', { paypal: { sdkBaseUrl: 5 } }],
    ['paypal.buttonStyle', { paypal: { buttonStyle: 'gold' } }],
    ['shipping', { shipping: [] }],
    ['shipping.method', { shipping: { method: [] } }],
    ['shipping.methods', { shipping: { methods: {} } }],
    ['shipping.methods[0]', { shipping: { methods: ['standard'] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ id: 'a', label: 'A' }] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ label: 'A', amount: '1' }] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ id: 'a', amount: '1' }] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ id: 'a', label: 'A', amount: '4,95' }] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ id: 'a', label: 'A', amount: '4.955' }] } }],
    ['shipping.methods[0]', { shipping: { methods: [{ id: 'a', label: 'A', amount: '-4.95' }] } }],
    ['shipping.methods[0].amount', { shipping: { methods: [{ id: 'a', label: 'A', amount: 4.95 }] } }],
    ['shipping.methods[0].id', { shipping: { methods: [{ id: 7, label: 'A', amount: '1' }] } }],
    ['shipping.methods[0].label', { shipping: { methods: [{ id: 'a', label: null, amount: '1' }] } }],
    ['shipping.methods[0].freeOver', { shipping: { methods: [{ id: 'a', label: 'A', amount: '1', freeOver: 'fifty' }] } }],
    ['shipping.methods[0].freeOver', { shipping: { methods: [{ id: 'a', label: 'A', amount: '1', freeOver: 50 }] } }],
    ['shipping.methods[0].cost', { shipping: { methods: [{ id: 'a', label: 'A', amount: '1', cost: '2' }] } }],
    ['shipping.methods[1].id', { shipping: { methods: [{ id: 'a', label: 'A', amount: '1' }, { id: 'a', label: 'B', amount: '2' }] } }],
    ['tax', { tax: '8.25' }],
    ['tax.rate', { tax: { rate: 8.25 } }],
    ['tax.rate', { tax: { rate: '8,25' } }],
    ['tax.rate', { tax: { rate: '100' } }],
    ['tax.rate', { tax: { rate: '8.25%' } }],
    ['tax.included', { tax: { included: 'yes' } }],
    ['tax.shipping', { tax: { shipping: 1 } }],
    ['tax.vat', { tax: { vat: '20' } }],
    ['maxQuantity', { maxQuantity: 0 }],
    ['maxQuantity', { maxQuantity: 10000 }],
    ['maxQuantity', { maxQuantity: 1.5 }],
    ['maxQuantity', { maxQuantity: '5' }],
    ['buttons', { buttons: true }],
    ['buttons.add', { buttons: { add: 'no' } }],
    ['buttons.cart', { buttons: { cart: false } }],
    ['cartButton', { cartButton: 'yes' }],
    ['storage', { storage: 'cookie' }],
    ['successUrl', { successUrl: 5 }],
    ['messages', { messages: 'Hallo' }],
    ['messages.addToCart', { messages: { addToCart: 5 } }],
    ['analytics', { analytics: true }],
    ['analytics.dataLayer', { analytics: { dataLayer: 'auto' } }],
    ['analytics.gtag', { analytics: { gtag: true } }],
    ['scan', { scan: false }],
    ['scan.schemaOrg', { scan: { schemaOrg: 'no' } }],
    ['scan.microdata', { scan: { microdata: true } }],
    ['theme', { theme: 'dark' }],
    ['theme.accent', { theme: { accent: 'red; background: url(x)' } }],
    ['theme.font', { theme: { font: '</style><script>' } }],
    ['theme.radius', { theme: { radius: 4 } }],
    ['theme.mode', { theme: { mode: 'blue' } }],
    ['theme.color', { theme: { color: 'red' } }],
  ];

  it.each(cases)('reports %s exactly once, naming it', (key, raw) => {
    const { problems } = parse(raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`"${key}"`);
  });

  it.each(cases)('logs the problem with %s to console.error with the [dropcart] prefix', (_key, raw) => {
    const { problems } = parse(raw);
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError).toHaveBeenCalledWith(`[dropcart] ${problems[0]}`);
  });

  it('keeps the good keys next to a bad one', () => {
    const { config, problems } = parse({ currency: 'EUR', maxQuantity: 'many', storage: 'none' });
    expect(problems).toHaveLength(1);
    expect(config.currency).toBe('EUR');
    expect(config.maxQuantity).toBe(99);
    expect(config.storage).toBe('none');
  });

  it('keeps the other shipping methods when one is broken', () => {
    const { config } = parse({
      shipping: { methods: [{ id: 'a', label: 'A', amount: 'free' }, { id: 'b', label: 'B', amount: '3' }] },
    });
    expect(config.shipping.methods.map((m) => m.id)).toEqual(['b']);
  });

  it('keeps a shipping method whose freeOver is bad, without the threshold', () => {
    const { config } = parse({ shipping: { methods: [{ id: 'a', label: 'A', amount: '3', freeOver: '50,00' }] } });
    expect(config.shipping.methods).toEqual([{ id: 'a', label: 'A', amount: 300, freeOver: null }]);
  });

  it('flags an unsupported currency but keeps the cart defaults', () => {
    const { config, problems } = parse({ currency: 'XYZ' });
    expect(problems).toHaveLength(1);
    expect(config).toEqual({ ...DEFAULTS, currency: 'XYZ', currencySupported: false });
  });

  it('reads shipping amounts of an unsupported currency with two decimals', () => {
    const { config } = parse({ currency: 'XYZ', shipping: { methods: [{ id: 'a', label: 'A', amount: '4.95' }] } });
    expect(config.shipping.methods[0]?.amount).toBe(495);
  });

  it('reports the same problem again for a second config', () => {
    // Each call hands back its own list, whatever the console dedupe did.
    expect(parse({ storage: 'cookie' }).problems).toHaveLength(1);
    expect(parse({ storage: 'cookie' }).problems).toHaveLength(1);
  });

  it('never throws and always settles the currency, for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const { config, problems } = parse(raw);
        expect(config.currencySupported).toBe(isSupportedCurrency(config.currency));
        if (!config.currencySupported) expect(problems.some((p) => p.includes('"currency"'))).toBe(true);
      }),
    );
  });

  it('never throws and always settles the currency, for any config-shaped JSON', () => {
    const anything = fc.jsonValue({ maxDepth: 2 });
    const configShaped = fc.record(
      {
        currency: fc.oneof(fc.constantFrom('USD', 'jpy', 'XYZ', 'US', ' eur '), fc.string(), anything),
        locale: fc.oneof(fc.constantFrom('en-US', 'de', 'xx-YY-zz', '!'), anything),
        paypal: fc.oneof(
          fc.record(
            {
              clientId: fc.oneof(fc.constant('test'), fc.string(), anything),
              environment: fc.oneof(fc.constantFrom('sandbox', 'production'), anything),
              sdkBaseUrl: fc.oneof(fc.webUrl(), fc.string(), anything),
              buttonStyle: anything,
              serverUrl: fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)'), anything),
            },
            { requiredKeys: [] },
          ),
          anything,
        ),
        shipping: fc.oneof(
          fc.record({
            methods: fc.oneof(
              fc.array(
                fc.oneof(
                  fc.record(
                    {
                      id: fc.oneof(fc.constantFrom('a', 'b'), anything),
                      label: fc.oneof(fc.string(), anything),
                      amount: fc.oneof(fc.constantFrom('4.95', '0', '1e3', '1.999', '800'), fc.string(), anything),
                      freeOver: fc.oneof(fc.constantFrom('50', '50.00'), anything),
                    },
                    { requiredKeys: [] },
                  ),
                  anything,
                ),
              ),
              anything,
            ),
          }, { requiredKeys: [] }),
          anything,
        ),
        tax: fc.oneof(
          fc.record(
            { rate: fc.oneof(fc.constantFrom('8.25', '100', '0'), fc.string(), anything), included: anything, shipping: anything },
            { requiredKeys: [] },
          ),
          anything,
        ),
        maxQuantity: fc.oneof(fc.integer(), anything),
        buttons: anything,
        cartButton: anything,
        storage: fc.oneof(fc.constantFrom('local', 'session', 'none'), anything),
        successUrl: fc.oneof(fc.webUrl(), fc.string(), anything),
        messages: fc.oneof(fc.dictionary(fc.string(), fc.oneof(fc.string(), anything)), anything),
        analytics: anything,
        scan: anything,
        theme: fc.oneof(
          fc.record({ accent: fc.oneof(fc.string(), anything), mode: fc.oneof(fc.constantFrom('light', 'dark', 'auto'), anything) }, { requiredKeys: [] }),
          anything,
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(configShaped, (raw) => {
        const { config, problems } = parse(raw);
        expect(config.currencySupported).toBe(isSupportedCurrency(config.currency));
        if (!config.currencySupported) expect(problems.some((p) => p.includes('"currency"'))).toBe(true);
        expectDeeplyFrozen(config);
        for (const method of config.shipping.methods) expect(Number.isSafeInteger(method.amount)).toBe(true);
      }),
    );
  });
});

describe('readConfig', () => {
  const addConfigScript = (text: string): void => {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.id = CONFIG_ID;
    script.textContent = text;
    document.head.append(script);
  };

  it('gives the defaults without a problem when the page has no config', () => {
    const problems: string[] = [];
    expect(readConfig(document, problems)).toEqual(DEFAULTS);
    expect(problems).toEqual([]);
  });

  it('reads the config script of the page', () => {
    addConfigScript('{ "currency": "GBP", "paypal": { "clientId": "test" } }');
    const config = readConfig(document);
    expect(config.currency).toBe('GBP');
    expect(config.paypal.clientId).toBe('test');
  });

  it('reports invalid JSON once and uses the defaults', () => {
    addConfigScript('{ "currency": "EUR", }');
    const problems: string[] = [];
    const config = readConfig(document, problems);
    expect(config).toEqual(DEFAULTS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`id="${CONFIG_ID}"`);
    expect(problems[0]).toContain('not valid JSON');
  });

  it('logs invalid JSON to console.error with the [dropcart] prefix', () => {
    addConfigScript('{ currency: "EUR" }');
    readConfig(document);
    expect(consoleError).toHaveBeenCalledTimes(1);
    expect(consoleError.mock.calls[0]?.[0]).toMatch(/^\[dropcart\] config <script id="dropcart-config"> is not valid JSON/);
  });

  it('reports an empty config script as invalid JSON', () => {
    addConfigScript('');
    const problems: string[] = [];
    readConfig(document, problems);
    expect(problems).toHaveLength(1);
  });
});
