// The cart (SPEC §4): lines in a nanostores atom, totals derived from them, persisted per `storage`
// and kept in step with the other tabs of the site. Components read these stores and call these
// actions; nothing else changes the lines.

import { atom, computed, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { Config } from '../config';
import { lineIdOf, unitPriceOf, type CartLine, type Choice, type Product } from '../model';
import { openStorage, type CartStorage } from './storage';
import { computeTotals, type TotalsMinor } from './totals';

export { computeTotals, type TotalsMinor } from './totals';

/** Something the buyer should be told when they look at the cart. */
export interface Notice {
  readonly kind: 'price';
  readonly lineId: string;
  readonly name: string;
  /** minor units */
  readonly from: number;
  readonly to: number;
}

export interface AddResult {
  readonly line: CartLine;
  /** how many were actually added (less than asked when the cap was reached) */
  readonly added: number;
  /** true when the line is now at its cap and the buyer asked for more than fitted */
  readonly capped: boolean;
}

export interface CartHooks {
  add?(line: CartLine, quantity: number): void;
  remove?(line: CartLine): void;
}

export interface Cart {
  readonly $lines: ReadableAtom<readonly CartLine[]>;
  readonly $shippingMethodId: WritableAtom<string | null>;
  readonly $totals: ReadableAtom<TotalsMinor>;
  readonly $notices: ReadableAtom<readonly Notice[]>;
  add(product: Product, choices: readonly Choice[], quantity: number): AddResult;
  /** 0 removes; above the cap is held at the cap. Returns the line after the change, or null if removed
   * or unknown. */
  setQuantity(lineId: string, quantity: number): CartLine | null;
  remove(lineId: string): CartLine | null;
  /** removes the given lines (after they were paid for) or all */
  clear(lineIds?: readonly string[]): void;
  /** after a payment: takes the paid quantities out of the cart (another tab may have added more meanwhile) */
  removePaid(paid: readonly CartLine[]): void;
  /** The page is the authority on prices (SPEC §4): lines of this product take its current price. */
  refreshPrice(product: Product): void;
  dismissNotices(): void;
  /** stops syncing with storage and other tabs */
  destroy(): void;
}

export function createCart(config: Config, hooks: CartHooks = {}, storage: CartStorage = openStorage(config.storage, config.currency)): Cart {
  const initial = storage.read();
  const $lines = atom<readonly CartLine[]>(initial.lines);
  const $shippingMethodId = atom<string | null>(initial.shippingMethodId);
  const $notices = atom<readonly Notice[]>([]);
  const $totals = computed([$lines, $shippingMethodId], (lines, methodId) => computeTotals(lines, config, methodId));

  // Writes from this tab are saved; changes arriving from another tab are applied without echoing back.
  let applyingExternal = false;
  const save = (): void => {
    if (!applyingExternal) storage.write({ lines: $lines.get(), shippingMethodId: $shippingMethodId.get() });
  };
  const unlistenLines = $lines.listen(save);
  const unlistenMethod = $shippingMethodId.listen(save);
  const unwatch = storage.watch((stored) => {
    applyingExternal = true;
    try {
      $lines.set(stored.lines);
      $shippingMethodId.set(stored.shippingMethodId);
    } finally {
      applyingExternal = false;
    }
  });

  const find = (lineId: string): CartLine | undefined => $lines.get().find((line) => line.id === lineId);
  const replace = (next: CartLine): void => $lines.set($lines.get().map((line) => (line.id === next.id ? next : line)));

  return {
    $lines,
    $shippingMethodId,
    $totals,
    $notices,

    add(product, choices, quantity) {
      const id = lineIdOf(product.id, choices);
      if (!lineOf(product, choices, 1)) throw new TypeError('invalid choices');
      const existing = find(id);
      const have = existing?.quantity ?? 0;
      const next = Math.min(have + quantity, product.maxQuantity);
      const added = Math.max(0, next - have);
      const line = lineOf(product, choices, Math.max(next, have)) as CartLine;
      if (existing) replace(line);
      else if (added > 0) $lines.set([...$lines.get(), line]);
      if (added > 0) hooks.add?.(line, added);
      return { line, added, capped: added < quantity };
    },

    setQuantity(lineId, quantity) {
      const line = find(lineId);
      if (!line) return null;
      if (quantity <= 0) {
        this.remove(lineId);
        return null;
      }
      const next = { ...line, quantity: Math.min(quantity, line.maxQuantity) };
      if (next.quantity !== line.quantity) replace(next);
      return next;
    },

    remove(lineId) {
      const line = find(lineId);
      if (!line) return null;
      $lines.set($lines.get().filter((l) => l.id !== lineId));
      $notices.set($notices.get().filter((n) => n.lineId !== lineId));
      hooks.remove?.(line);
      return line;
    },

    clear(lineIds) {
      const keep = lineIds ? $lines.get().filter((line) => !lineIds.includes(line.id)) : [];
      $lines.set(keep);
      $notices.set($notices.get().filter((n) => keep.some((line) => line.id === n.lineId)));
    },

    removePaid(paid) {
      const lines: CartLine[] = [];
      for (const line of $lines.get()) {
        const bought = paid.find((p) => p.id === line.id)?.quantity ?? 0;
        if (line.quantity > bought) lines.push(bought ? { ...line, quantity: line.quantity - bought } : line);
      }
      $lines.set(lines);
      $notices.set($notices.get().filter((n) => lines.some((line) => line.id === n.lineId)));
    },

    refreshPrice(product) {
      const notices = [...$notices.get()];
      let changed = false;
      const lines = $lines.get().map((line) => {
        if (line.productId !== product.id) return line;
        const unitPrice = unitPriceOf(product, line.choices);
        // A choice the page no longer offers: the line keeps its price; checkout will show what it costs.
        if (unitPrice === null || unitPrice === line.unitPrice) return line;
        changed = true;
        const earlier = notices.findIndex((n) => n.lineId === line.id);
        const notice: Notice = { kind: 'price', lineId: line.id, name: line.name, from: earlier >= 0 ? notices[earlier]!.from : line.unitPrice, to: unitPrice };
        if (earlier >= 0) notices.splice(earlier, 1);
        if (notice.from !== notice.to) notices.push(notice);
        return { ...line, unitPrice };
      });
      if (changed) {
        $lines.set(lines);
        $notices.set(notices);
      }
    },

    dismissNotices() {
      $notices.set([]);
    },

    destroy() {
      unlistenLines();
      unlistenMethod();
      unwatch();
    },
  };
}

/** A line for a product with the buyer's choices (snapshot of the page), or null when the choices are not
 * the product's. Used for the cart and for "Buy now", so both price a product the same way. */
export function lineOf(product: Product, choices: readonly Choice[], quantity: number): CartLine | null {
  const unitPrice = unitPriceOf(product, choices);
  if (unitPrice === null || unitPrice <= 0) return null;
  return {
    id: lineIdOf(product.id, choices),
    productId: product.id,
    name: product.name,
    unitPrice,
    quantity: Math.min(Math.max(1, quantity), product.maxQuantity),
    choices: choices.map((c) => ({ name: c.name, value: c.value })),
    image: product.image,
    url: product.url,
    sku: product.sku,
    maxQuantity: product.maxQuantity,
    shippable: product.shippable,
    taxable: product.taxable,
  };
}
