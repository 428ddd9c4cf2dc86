// Every public name of SPEC.md (../shared/SPEC.md) spelled once. Site owners copy these into their pages:
// changing one is a breaking change.

export const VERSION = '0.1.0';

/** Prefix of every message dropcart writes to the console (SPEC §1). */
export const LOG_PREFIX = '[dropcart]';

/** Id of the owner's JSON config script (SPEC §2). */
export const CONFIG_ID = 'dropcart-config';

/** Product attributes (SPEC §3). */
export const ATTR = {
  id: 'data-product-id',
  name: 'data-product-name',
  price: 'data-product-price',
  description: 'data-product-description',
  image: 'data-product-image',
  url: 'data-product-url',
  sku: 'data-product-sku',
  maxQuantity: 'data-product-max-quantity',
  shippable: 'data-product-shippable',
  taxable: 'data-product-taxable',
  hostedButtonId: 'data-product-hosted-button-id',
  buttons: 'data-product-buttons',
  /** On an owner's `select`/radio inputs: which option they choose. */
  option: 'data-product-option',
} as const;

/** `data-product-option{n}-name` / `-values`, n = 1…MAX_OPTIONS. */
export const MAX_OPTIONS = 5;
export const optionNameAttr = (n: number): string => `data-product-option${n}-name`;
export const optionValuesAttr = (n: number): string => `data-product-option${n}-values`;

/** Page hooks (SPEC §3). */
export const HOOK = {
  add: 'data-cart-add',
  buy: 'data-cart-buy',
  buttons: 'data-cart-buttons',
  open: 'data-cart-open',
  count: 'data-cart-count',
  subtotal: 'data-cart-subtotal',
} as const;

/** Snipcart v3 class names dropcart also understands (SPEC §9), by the hook each stands for. */
export const SNIPCART = {
  add: 'snipcart-add-item',
  open: 'snipcart-checkout',
  count: 'snipcart-items-count',
  subtotal: 'snipcart-total-price',
} as const;

/** The selector that finds product elements. */
export const PRODUCT_SELECTOR = `[${ATTR.id}][${ATTR.name}][${ATTR.price}]`;

/** Tag names of dropcart's shadow hosts. Undefined custom elements: attachShadow accepts any valid
 * custom-element name, and not registering them means a second copy of the script cannot clash. */
export const TAG = {
  buttons: 'dropcart-buttons',
  cart: 'dropcart-cart',
} as const;

/** Event names (SPEC §8), dispatched on `document` as `dropcart:<name>`. */
export const EVENT_PREFIX = 'dropcart:';
export const EVENTS = [
  'ready',
  'add',
  'remove',
  'change',
  'open',
  'close',
  'checkout',
  'approve',
  'cancel',
  'error',
] as const;

/** Error codes of the `error` event (SPEC §8). */
export const ERROR_CODE = {
  paypalLoadFailed: 'paypal_load_failed',
  paypalDeclined: 'paypal_declined',
  paypalError: 'paypal_error',
  configInvalid: 'config_invalid',
  storageFailed: 'storage_failed',
} as const;

/** Storage key of the cart; the version in the value lets a later format migrate. */
export const STORAGE_KEY = 'dropcart:cart';
/** One cart per currency: a line keeps its price as a number of minor units, without a currency, so a site with
 * a store in USD and one in EUR on the same origin keeps two carts (one cart would turn $20.00 into €20.00). */
export const storageKey = (currency: string): string => `${STORAGE_KEY}:${currency}`;
export const STORAGE_VERSION = 1;

/** PayPal limits (Orders v2: item.name and item.description maxLength 127). */
export const PAYPAL_TEXT_MAX = 127;
export const PRODUCT_ID_MAX = 127;

/** Marks the page as already running dropcart, so a second copy of the script (or the ES module beside the
 * script tag) does nothing. A registered symbol: shared by every copy on the page, yet no global name. */
export const RUNNING_MARK: unique symbol = Symbol.for('dropcart.running');
