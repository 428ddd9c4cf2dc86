/** A shipping method as the catalog (and `#dropcart-config`) writes it: amounts are decimal strings. */
export interface CatalogShippingMethod {
  id: string;
  label: string;
  /** "4.95" */
  amount: string;
  /** free when the subtotal of shippable lines is at least this, "50.00" */
  freeOver?: string;
}

/** The store settings that change what a buyer pays, in the keys and format of `#dropcart-config` (SPEC §2). */
export interface CatalogStore {
  /** ISO 4217 code PayPal supports, "USD" */
  currency: string;
  shipping?: { methods: CatalogShippingMethod[] };
  tax?: { rate?: string; included?: boolean; shipping?: boolean };
  /** default per-line quantity cap, 1–9999; 99 when left out */
  maxQuantity?: number;
}

export interface CatalogOptionValue {
  /** the bare value, as the buyer chooses it: "L" */
  value: string;
  /** price change of this choice, decimal string, may be negative: "2.00", "-1.00"; "0" when left out */
  delta?: string;
}

export interface CatalogOption {
  /** "Size" */
  name: string;
  /** at least one; the first is the default choice */
  values: CatalogOptionValue[];
}

export interface CatalogProduct {
  /** data-product-id */
  id: string;
  name: string;
  /** base unit price, decimal string > 0: "19.99" */
  price: string;
  /** the product id when left out */
  sku?: string;
  /** false = digital good; true when left out */
  shippable?: boolean;
  /** false = tax exempt; true when left out */
  taxable?: boolean;
  /** the store's maxQuantity when left out */
  maxQuantity?: number;
  options?: CatalogOption[];
}

/** The catalog file `npx dropcart catalog` prints and `createCheckoutHandler` prices orders from. */
export interface Catalog {
  version: 1;
  store: CatalogStore;
  products: CatalogProduct[];
}

/** validateCatalog's answer: the catalog with every default written out, or every problem found. */
export type CatalogValidation = { ok: true; catalog: Catalog } | { ok: false; errors: string[] };

/** PayPal's Orders v2 `order`, as PayPal returns it (only the fields dropcart reads are typed). */
export interface PayPalOrder {
  id: string;
  status: string;
  purchase_units?: Array<{
    amount?: { currency_code: string; value: string };
    custom_id?: string;
    payments?: { captures?: Array<{ id?: string; status?: string; amount?: { currency_code: string; value: string } }> };
    [key: string]: unknown;
  }>;
  [key: string]: unknown;
}

export interface CheckoutHandlerOptions {
  /** the parsed output of `npx dropcart catalog` */
  catalog: unknown;
  /** PayPal REST app credentials (developer.paypal.com → Apps & Credentials) */
  clientId: string;
  clientSecret: string;
  environment: 'sandbox' | 'production';
  /** PayPal REST base URL; default https://api-m.sandbox.paypal.com or https://api-m.paypal.com */
  apiBaseUrl?: string;
  /** origins allowed to call the handler from another origin, "https://shop.example"; none when left out */
  allowedOrigins?: readonly string[];
  /** called once per order after a verified capture; awaited before the buyer gets the answer */
  onCaptured?: (order: PayPalOrder) => void | Promise<void>;
  /** the fetch used to call PayPal (default: the global one) */
  fetch?: typeof fetch;
  /** per-request timeout for PayPal calls, ms (default 10000) */
  timeoutMs?: number;
  /** retries after a PayPal 5xx, 429, timeout or network error (default 2) */
  retries?: number;
  /** waits between retries (tests replace it) */
  sleep?: (ms: number) => Promise<void>;
}

/** A Web-standard request handler: Node (through an adapter), Deno, Bun, Cloudflare Workers, Netlify, Vercel. */
export type CheckoutHandler = (request: Request) => Promise<Response>;

/** `code` of the handler's JSON errors, `{ "error": { "code", "message" } }`. */
export type CheckoutErrorCode =
  | 'bad_request'
  | 'malformed_json'
  | 'unknown_product'
  | 'unknown_option'
  | 'unknown_option_value'
  | 'bad_quantity'
  | 'duplicate_line'
  | 'unknown_shipping_method'
  | 'order_too_large'
  | 'origin_not_allowed'
  | 'not_found'
  | 'order_not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'order_not_approved'
  | 'paypal_declined'
  | 'amount_mismatch'
  | 'paypal_error'
  | 'internal_error';

export declare function createCheckoutHandler(options: CheckoutHandlerOptions): CheckoutHandler;
export declare function validateCatalog(json: unknown): CatalogValidation;
export declare const MAX_BODY_BYTES: number;
export declare const PAYPAL_API_BASE: { readonly sandbox: string; readonly production: string };
