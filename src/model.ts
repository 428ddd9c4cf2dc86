// Internal shapes shared by the features. Amounts are integer minor units (see src/money).

export interface OptionValue {
  readonly value: string;
  /** price change of this choice, minor units, may be negative ("XS[-1.00]") */
  readonly delta: number;
}

export interface ProductOption {
  readonly name: string;
  /** at least one; the first is the default choice */
  readonly values: readonly OptionValue[];
}

/** A product as found on the page (SPEC §3), validated. */
export interface Product {
  readonly id: string;
  readonly name: string;
  /** base unit price, minor units, > 0 */
  readonly price: number;
  readonly description: string | null;
  readonly image: string | null;
  readonly url: string;
  readonly sku: string;
  readonly maxQuantity: number;
  readonly shippable: boolean;
  readonly taxable: boolean;
  readonly options: readonly ProductOption[];
  readonly hostedButtonId: string | null;
  readonly buttons: { readonly add: boolean; readonly buy: boolean };
}

/** One chosen option: name and bare value (without the [+x] modifier). */
export interface Choice {
  readonly name: string;
  readonly value: string;
}

/** A cart line as the store keeps and persists it: a snapshot of what the page showed when it was added,
 * so the cart renders on pages that do not carry the product. */
export interface CartLine {
  /** productId plus choices, see lineIdOf */
  readonly id: string;
  readonly productId: string;
  readonly name: string;
  /** unit price including option deltas, minor units, > 0 */
  readonly unitPrice: number;
  readonly quantity: number;
  readonly choices: readonly Choice[];
  readonly image: string | null;
  readonly url: string;
  readonly sku: string;
  readonly maxQuantity: number;
  readonly shippable: boolean;
  readonly taxable: boolean;
}

/** The line id: readable, unique per product + choices, stable across pages and tabs.
 * "tee" or "tee?Size=L&Color=Black" (parts URI-encoded so no value can forge another line's id). */
export function lineIdOf(productId: string, choices: readonly Choice[]): string {
  // A product id may itself contain "?": escaped, "tee?Size=L" (an id) never equals tee with Size L.
  if (/[?%]/.test(productId)) productId = productId.replace(/%/g, '%25').replace(/\?/g, '%3F');
  if (choices.length === 0) return productId;
  const encoded = choices.map((c) => `${encodeURIComponent(c.name)}=${encodeURIComponent(c.value)}`);
  return `${productId}?${encoded.join('&')}`;
}

/** Unit price of a product with the given choices (base + deltas); null when a choice is not one of the
 * product's values or a required option is missing. */
export function unitPriceOf(product: Product, choices: readonly Choice[]): number | null {
  if (choices.length !== product.options.length) return null;
  let price = product.price;
  for (const [index, option] of product.options.entries()) {
    const choice = choices[index];
    const found = choice && choice.name === option.name ? option.values.find((v) => v.value === choice.value) : undefined;
    if (!found) return null;
    price += found.delta;
  }
  return price;
}
