// What the components get from the app: stores to read and actions to call. Components never compute
// money (STYLE.md 3): amounts arrive in minor units and are only formatted here.

import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { Cart, TotalsMinor } from '../cart';
import type { Config } from '../config';
import type { Locked } from '../checkout';
import type { Translate } from '../i18n';
import type { CartLine, Choice, Product } from '../model';

/** What the cart dialog shows. */
export type View =
  | { readonly kind: 'cart' }
  /** "Buy now": one product, outside the cart's lines (SPEC §5) */
  | { readonly kind: 'buy'; readonly product: Product; readonly line: CartLine }
  | { readonly kind: 'success'; readonly orderId: string };

/** The checkout area's state; the checkout feature drives it, the cart shows it. */
export type Payment =
  | { readonly status: 'idle' }
  /** the owner must configure something: message key for the shopper-facing text */
  | { readonly status: 'setup'; readonly message: string }
  | { readonly status: 'loading' }
  | { readonly status: 'ready' }
  /** PayPal's buttons are shown, with a word for the buyer above them ("payment cancelled") */
  | { readonly status: 'notice'; readonly message: string }
  | { readonly status: 'processing' }
  | { readonly status: 'error'; readonly message: string; readonly retry: boolean };

export interface App {
  readonly config: Config;
  readonly cart: Cart;
  readonly t: Translate;
  readonly locale: string;
  /** minor units → the shopper's currency text */
  money(minor: number): string;
  readonly $open: WritableAtom<boolean>;
  readonly $view: WritableAtom<View>;
  readonly $payment: WritableAtom<Payment>;
  /** the live region's text */
  readonly $announcement: WritableAtom<string>;
  announce(text: string): void;
  /** what the open view is about to pay for: the cart's lines, or the one "Buy now" line */
  readonly $checkoutLines: ReadableAtom<readonly CartLine[]>;
  readonly $checkoutTotals: ReadableAtom<TotalsMinor>;
  /** set while the buyer pays: what PayPal was asked to charge, shown instead of the live lines */
  readonly $lock: WritableAtom<Locked | null>;
  /** PayPal's window is open: PayPal covers the page with its overlay, which the cart must not hide */
  readonly $payPalWindow: WritableAtom<boolean>;
  /** true when some product on the page has a PayPal Hosted Button */
  hasHostedButtons(): boolean;
  /** whether the floating cart button is wanted (config `cartButton`, and "auto" = no [data-cart-open]) */
  readonly $floatingButton: ReadableAtom<boolean>;
  setQuantity(lineId: string, quantity: number): void;
  remove(lineId: string): void;
  setBuyQuantity(quantity: number): void;
  /** adds and announces; returns false when nothing could be added (cap) */
  add(product: Product, choices: readonly Choice[], quantity: number): boolean;
  buyNow(product: Product, choices: readonly Choice[]): void;
  open(opener?: Element | null): void;
  close(): void;
  /** the light-DOM element PayPal renders into, slotted into the cart's shadow tree (SPEC §5) */
  readonly checkoutSlot: HTMLElement;
  /** brings [data-cart-count], [data-cart-subtotal] and the floating button's visibility up to date */
  refreshHooks(): void;
  /** re-runs the checkout after an error */
  retryPayment(): void;
}
