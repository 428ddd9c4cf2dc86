// The owner's JSON config (SPEC §2) → one typed, frozen Config. Every key is optional; a bad key is
// reported once with `[dropcart]`, its name and the fix, and takes its default — the rest still applies.

import { CONFIG_ID } from '../constants';
import { error } from '../log';
import { isSupportedCurrency, parseMoney, parseRate, type Rate } from '../money';
import { isObject, own } from '../checks';
import { safeUrl } from '../url';

export interface ShippingMethod {
  readonly id: string;
  readonly label: string;
  /** minor units */
  readonly amount: number;
  /** minor units: the method is free when the subtotal of shippable lines is at least this */
  readonly freeOver: number | null;
}

export type StorageKind = 'local' | 'session' | 'none';
export type ThemeMode = 'light' | 'dark' | 'auto';

export interface Config {
  readonly currency: string;
  /** false when `currency` is not one PayPal supports: the cart works, checkout shows a setup message */
  readonly currencySupported: boolean;
  /** '' = let the browser choose (the page's lang, then navigator.language) */
  readonly locale: string;
  readonly paypal: {
    readonly clientId: string | null;
    readonly environment: 'sandbox' | 'production';
    readonly sdkBaseUrl: string | null;
    readonly buttonStyle: Readonly<Record<string, unknown>> | null;
    readonly serverUrl: string | null;
  };
  readonly shipping: { readonly methods: readonly ShippingMethod[] };
  readonly tax: { readonly rate: Rate | null; readonly included: boolean; readonly shipping: boolean };
  readonly maxQuantity: number;
  readonly buttons: { readonly add: boolean; readonly buy: boolean };
  readonly cartButton: 'auto' | boolean;
  readonly storage: StorageKind;
  readonly successUrl: string | null;
  readonly messages: Readonly<Record<string, string>>;
  /** 'auto' = push to window.dataLayer when it exists */
  readonly analytics: { readonly dataLayer: boolean | 'auto' };
  readonly scan: { readonly schemaOrg: boolean; readonly snipcart: boolean };
  readonly theme: {
    readonly accent: string | null;
    readonly radius: string | null;
    readonly font: string | null;
    readonly mode: ThemeMode;
  };
}

type Json = Record<string, unknown>;

/** Reads, checks and freezes a parsed config object. `problems` collects one message per bad key
 * (also logged), so tests and the `error` event can show them. */
export function parseConfig(raw: unknown, problems: string[] = []): Config {
  const problem = (key: string, fix: string): void => {
    const message = `config key "${key}": ${fix}`;
    problems.push(message);
    error(message);
  };

  const root: Json = isObject(raw) ? raw : {};
  if (!isObject(raw) && raw !== undefined) problem('(root)', 'the config must be a JSON object like { "currency": "USD" }.');

  // Each reader takes a value and returns the parsed one or undefined after reporting.
  const string = (key: string, value: unknown): string | undefined => {
    if (typeof value === 'string') return value;
    problem(key, `expected a string, got ${JSON.stringify(value)}.`);
    return undefined;
  };
  const boolean = (key: string, value: unknown): boolean | undefined => {
    if (typeof value === 'boolean') return value;
    problem(key, `expected true or false, got ${JSON.stringify(value)}.`);
    return undefined;
  };
  const object = (key: string, value: unknown): Json | undefined => {
    if (isObject(value)) return value;
    problem(key, `expected an object { … }, got ${JSON.stringify(value)}.`);
    return undefined;
  };
  const oneOf = <T extends string>(key: string, value: unknown, allowed: readonly T[]): T | undefined => {
    if (allowed.includes(value as T)) return value as T;
    problem(key, `expected one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}, got ${JSON.stringify(value)}.`);
    return undefined;
  };
  const url = (key: string, value: unknown): string | undefined => {
    const text = string(key, value);
    if (text === undefined) return undefined;
    const safe = safeUrl(text);
    if (safe === null) problem(key, `"${text}" is not an http(s) or relative URL.`);
    return safe ?? undefined;
  };
  /** Checks the keys of an object against the known ones, so a typo is reported instead of ignored. */
  const known = (prefix: string, value: Json, keys: readonly string[]): void => {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        problem(prefix + key, `unknown key; the keys here are ${keys.map((k) => `"${k}"`).join(', ')}. Check the spelling.`);
      }
    }
  };

  known('', root, [
    'currency', 'locale', 'paypal', 'shipping', 'tax', 'maxQuantity', 'buttons', 'cartButton', 'storage',
    'successUrl', 'messages', 'analytics', 'scan', 'theme',
  ]);

  let currency = 'USD';
  if (own(root, 'currency')) {
    const text = string('currency', root.currency);
    if (text !== undefined) {
      const code = text.trim().toUpperCase();
      if (/^[A-Z]{3}$/.test(code)) currency = code;
      else problem('currency', `"${text}" is not an ISO 4217 code such as "USD" or "EUR".`);
    }
  }
  const currencySupported = isSupportedCurrency(currency);
  if (!currencySupported) {
    problem('currency', `PayPal does not support "${currency}": the cart works, but checkout is off until you choose a supported currency such as "USD", "EUR" or "GBP".`);
  }

  let locale = '';
  if (own(root, 'locale')) {
    const text = string('locale', root.locale);
    if (text !== undefined) {
      try {
        locale = Intl.getCanonicalLocales(text)[0] ?? '';
      } catch {
        problem('locale', `"${text}" is not a BCP 47 language tag such as "en-US" or "de".`);
      }
    }
  }

  const paypal = {
    clientId: null as string | null,
    environment: undefined as 'sandbox' | 'production' | undefined,
    sdkBaseUrl: null as string | null,
    buttonStyle: null as Record<string, unknown> | null,
    serverUrl: null as string | null,
  };
  if (own(root, 'paypal')) {
    const value = object('paypal', root.paypal);
    if (value) {
      known('paypal.', value, ['clientId', 'environment', 'sdkBaseUrl', 'buttonStyle', 'serverUrl']);
      if (own(value, 'clientId')) {
        const id = string('paypal.clientId', value.clientId);
        // A client id is letters, digits, '-' and '_'; anything else would be pasted into PayPal's URL.
        if (id !== undefined && /^[\w-]{1,200}$/.test(id.trim())) paypal.clientId = id.trim();
        else if (id !== undefined) problem('paypal.clientId', `"${id}" does not look like a PayPal client id; copy it from developer.paypal.com → Apps & Credentials.`);
      }
      if (own(value, 'environment')) paypal.environment = oneOf('paypal.environment', value.environment, ['sandbox', 'production'] as const);
      if (own(value, 'sdkBaseUrl')) paypal.sdkBaseUrl = url('paypal.sdkBaseUrl', value.sdkBaseUrl) ?? null;
      if (own(value, 'buttonStyle')) paypal.buttonStyle = object('paypal.buttonStyle', value.buttonStyle) ?? null;
      if (own(value, 'serverUrl')) paypal.serverUrl = url('paypal.serverUrl', value.serverUrl)?.replace(/\/+$/, '') ?? null;
    }
  }
  const environment = paypal.environment ?? (paypal.clientId === 'test' ? 'sandbox' : 'production');

  const methods: ShippingMethod[] = [];
  if (own(root, 'shipping')) {
    const value = object('shipping', root.shipping);
    if (value) {
      known('shipping.', value, ['methods']);
      if (own(value, 'methods')) {
        if (!Array.isArray(value.methods)) {
          problem('shipping.methods', 'expected a list like [{ "id": "standard", "label": "Standard", "amount": "4.95" }].');
        } else {
          value.methods.forEach((entry, index) => {
            const key = `shipping.methods[${index}]`;
            const method = object(key, entry);
            if (!method) return;
            known(key + '.', method, ['id', 'label', 'amount', 'freeOver']);
            const problemsBefore = problems.length;
            const id = own(method, 'id') ? string(key + '.id', method.id) : undefined;
            const label = own(method, 'label') ? string(key + '.label', method.label) : undefined;
            const amountText = own(method, 'amount') ? string(key + '.amount', method.amount) : undefined;
            const amount = amountText === undefined ? null : parseMoney(amountText, currency);
            if (!id || !label || amount === null) {
              // A field of the wrong type was already reported by name: one message per mistake.
              if (problems.length === problemsBefore) problem(key, `each method needs "id", "label" and "amount" as a decimal string like "4.95" (${currency}); this one is skipped.`);
              return;
            }
            if (methods.some((m) => m.id === id)) {
              problem(key + '.id', `"${id}" is used twice; give each method its own id. This one is skipped.`);
              return;
            }
            let freeOver: number | null = null;
            if (own(method, 'freeOver')) {
              const text = string(key + '.freeOver', method.freeOver);
              freeOver = text === undefined ? null : parseMoney(text, currency);
              if (text !== undefined && freeOver === null) problem(key + '.freeOver', `"${text}" is not a decimal string like "50.00" (${currency}).`);
            }
            methods.push(Object.freeze({ id, label, amount, freeOver }));
          });
        }
      }
    }
  }

  const tax = { rate: null as Rate | null, included: false, shipping: false };
  if (own(root, 'tax')) {
    const value = object('tax', root.tax);
    if (value) {
      known('tax.', value, ['rate', 'included', 'shipping']);
      if (own(value, 'rate')) {
        const text = string('tax.rate', value.rate);
        tax.rate = text === undefined ? null : parseRate(text);
        if (text !== undefined && tax.rate === null) problem('tax.rate', `"${text}" is not a percentage like "8.25".`);
      }
      if (own(value, 'included')) tax.included = boolean('tax.included', value.included) ?? false;
      if (own(value, 'shipping')) tax.shipping = boolean('tax.shipping', value.shipping) ?? false;
    }
  }

  let maxQuantity = 99;
  if (own(root, 'maxQuantity')) {
    const value = root.maxQuantity;
    if (Number.isInteger(value) && (value as number) >= 1 && (value as number) <= 9999) maxQuantity = value as number;
    else problem('maxQuantity', `expected a whole number from 1 to 9999, got ${JSON.stringify(value)}.`);
  }

  const buttons = { add: true, buy: true };
  if (own(root, 'buttons')) {
    const value = object('buttons', root.buttons);
    if (value) {
      known('buttons.', value, ['add', 'buy']);
      if (own(value, 'add')) buttons.add = boolean('buttons.add', value.add) ?? true;
      if (own(value, 'buy')) buttons.buy = boolean('buttons.buy', value.buy) ?? true;
    }
  }

  let cartButton: 'auto' | boolean = 'auto';
  if (own(root, 'cartButton')) {
    const value = root.cartButton;
    if (value === 'auto' || typeof value === 'boolean') cartButton = value;
    else problem('cartButton', `expected "auto", true or false, got ${JSON.stringify(value)}.`);
  }

  const storage: StorageKind = own(root, 'storage')
    ? oneOf('storage', root.storage, ['local', 'session', 'none'] as const) ?? 'local'
    : 'local';

  const successUrl = own(root, 'successUrl') ? url('successUrl', root.successUrl) ?? null : null;

  const messages: Record<string, string> = Object.create(null);
  if (own(root, 'messages')) {
    const value = object('messages', root.messages);
    if (value) {
      for (const key of Object.keys(value)) {
        const text = string(`messages.${key}`, value[key]);
        if (text !== undefined) messages[key] = text;
      }
    }
  }

  let dataLayer: boolean | 'auto' = 'auto';
  if (own(root, 'analytics')) {
    const value = object('analytics', root.analytics);
    if (value) {
      known('analytics.', value, ['dataLayer']);
      if (own(value, 'dataLayer')) dataLayer = boolean('analytics.dataLayer', value.dataLayer) ?? 'auto';
    }
  }

  const scan = { schemaOrg: true, snipcart: true };
  if (own(root, 'scan')) {
    const value = object('scan', root.scan);
    if (value) {
      known('scan.', value, ['schemaOrg', 'snipcart']);
      if (own(value, 'schemaOrg')) scan.schemaOrg = boolean('scan.schemaOrg', value.schemaOrg) ?? true;
      if (own(value, 'snipcart')) scan.snipcart = boolean('scan.snipcart', value.snipcart) ?? true;
    }
  }

  const theme = { accent: null as string | null, radius: null as string | null, font: null as string | null, mode: 'auto' as ThemeMode };
  if (own(root, 'theme')) {
    const value = object('theme', root.theme);
    if (value) {
      known('theme.', value, ['accent', 'radius', 'font', 'mode']);
      // These become CSS custom property values through CSSStyleSheet APIs, never markup; still, only
      // plain values are accepted so a stray `;` or `}` cannot smuggle other declarations in.
      const cssValue = (key: 'accent' | 'radius' | 'font'): void => {
        if (!own(value, key)) return;
        const text = string(`theme.${key}`, value[key]);
        if (text === undefined) return;
        if (/^[^;{}<>\\]{1,200}$/.test(text)) theme[key] = text.trim();
        else problem(`theme.${key}`, `"${text}" is not a plain CSS value (no ; { } < > or \\).`);
      };
      cssValue('accent');
      cssValue('radius');
      cssValue('font');
      if (own(value, 'mode')) theme.mode = oneOf('theme.mode', value.mode, ['light', 'dark', 'auto'] as const) ?? 'auto';
    }
  }

  return deepFreeze({
    currency,
    currencySupported,
    locale,
    paypal: { ...paypal, environment },
    shipping: { methods },
    tax,
    maxQuantity,
    buttons,
    cartButton,
    storage,
    successUrl,
    messages,
    analytics: { dataLayer },
    scan,
    theme,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Json)[key]);
  }
  return value;
}

/** Finds `#dropcart-config` in the document and parses it. No config element = all defaults. */
export function readConfig(doc: Document, problems: string[] = []): Config {
  const element = doc.getElementById(CONFIG_ID);
  if (!element) return parseConfig(undefined, problems);
  let raw: unknown;
  try {
    raw = JSON.parse(element.textContent ?? '');
  } catch (cause) {
    const message = `config <script id="${CONFIG_ID}"> is not valid JSON (${(cause as Error).message}); using the defaults. Check for trailing commas and unquoted keys.`;
    problems.push(message);
    error(message);
    return parseConfig(undefined, problems);
  }
  return parseConfig(raw, problems);
}
