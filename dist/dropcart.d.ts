/** One line of the cart, as the API and events show it. Amounts are decimal strings in major units. */
export interface Line {
  /** stable id of the line: the product id plus the chosen options */
  id: string;
  productId: string;
  name: string;
  /** unit price including option modifiers, e.g. "21.99" */
  price: string;
  quantity: number;
  /** chosen option values by option name, e.g. { Size: "L" } */
  options: Record<string, string>;
  image?: string;
  url: string;
  sku: string;
}

export interface Totals {
  /** number of items: the sum of quantities */
  count: number;
  subtotal: string;
  shipping: string;
  tax: string;
  total: string;
  currency: string;
}

export interface AddOptions {
  quantity?: number;
  options?: Record<string, string>;
}

export interface ErrorDetail {
  code: 'paypal_load_failed' | 'paypal_declined' | 'paypal_error' | 'config_invalid' | (string & {});
  message: string;
}

/** The `detail` of each `dropcart:<name>` event, by name. */
export interface DropCartEvents {
  ready: { version: string };
  add: { line: Line; quantity: number };
  remove: { line: Line };
  change: { items: Line[]; totals: Totals };
  open: Record<string, never>;
  close: Record<string, never>;
  checkout: { items: Line[]; totals: Totals };
  approve: { orderId: string; items: Line[]; totals: Totals; capture: unknown };
  cancel: { orderId: string };
  error: ErrorDetail;
}

export type DropCartEventName = keyof DropCartEvents;

export interface DropCartApi {
  /** dropcart's version */
  readonly version: string;
  /** resolves once the config is read and the first scan is done */
  readonly ready: Promise<void>;
  add(productId: string, opts?: AddOptions): Promise<Line>;
  items(): Line[];
  totals(): Totals;
  /** 0 removes the line */
  setQuantity(lineId: string, quantity: number): void;
  remove(lineId: string): void;
  clear(): void;
  open(): void;
  close(): void;
  scan(root?: ParentNode): void;
  /** returns a function that unsubscribes */
  on<K extends DropCartEventName>(name: K, handler: (detail: DropCartEvents[K]) => void): () => void;
}

/** The cart's API; the same object as window.DropCart. */
export declare const DropCart: DropCartApi;
export default DropCart;

/** Every `dropcart:<name>` event dispatched on document, with its detail type. */
export type DropCartDocumentEvents = { [K in DropCartEventName as `dropcart:${K}`]: CustomEvent<DropCartEvents[K]> };

declare global {
  interface Window {
    readonly DropCart: DropCartApi;
  }
  /** The global the <script> tag sets, for scripts that call `DropCart.open()` without an import. */
  const DropCart: DropCartApi;
  interface DocumentEventMap extends DropCartDocumentEvents {}
}
