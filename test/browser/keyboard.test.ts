// A shopper with only a keyboard (SPEC §6, WCAG 2.1.1, 2.4.3, 2.4.7): the whole journey through the demo shop
// with Tab, Enter, Space and Escape, never the mouse: add two products, open the cart, change a quantity,
// remove a line, reach PayPal, close, and land where they started.
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { demoWithSimulator, focused } from './a11y-helpers';
import { dialog, items, paypalButton, pollOf, visible } from './checkout-helpers';
import { useShop } from './harness';

const shop = useShop();

afterEach(() => {
  expect(shop.errors).toEqual([]);
});

/** Presses Tab (Shift+Tab with `back`) until the focused element's description matches, at most `max` times. */
async function tabTo(page: Page, wanted: RegExp, { back = false, max = 80 } = {}): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const now = String(await focused(page));
    if (wanted.test(now)) return now;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${wanted}; focus went through:\n${seen.join('\n')}`);
}

/** The focus ring drawn on the focused element inside dropcart's shadow roots (WCAG 2.4.7). */
const focusRing = (page: Page) =>
  page.evaluate(() => {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    const style = active ? getComputedStyle(active) : null;
    return style ? { style: style.outlineStyle, width: parseFloat(style.outlineWidth) } : null;
  });

const focusIsOn = (selector: string) => shop.page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector);

const line = (productId: string) => async () => (await items(shop.page)).find((item) => item.productId === productId)?.quantity ?? 0;

describe('a keyboard-only shopper', () => {
  it('adds with Enter and Space, edits the cart, reaches PayPal and gets focus back after Escape', async () => {
    await demoWithSimulator(shop);
    await shop.page.goto('/demo/');
    await shop.page.evaluate(() => window.DropCart.ready);

    // Add to cart with Enter, then another product with Space.
    await tabTo(shop.page, /^button: Add to cart: House Blend$/);
    expect(await focusRing(shop.page)).toEqual({ style: 'solid', width: 3 });
    await shop.page.keyboard.press('Enter');
    await pollOf(line('house-blend')).toBe(1);
    await tabTo(shop.page, /^button: Add to cart: Everyday Mug$/);
    await shop.page.keyboard.press('Space');
    await pollOf(line('everyday-mug')).toBe(1);
    expect(await focused(shop.page)).toBe('button: Add to cart: Everyday Mug');

    // Back up to the header's cart link and open the cart with Enter.
    await tabTo(shop.page, /^a: Cart \d/, { back: true });
    await shop.page.keyboard.press('Enter');
    await dialog(shop.page).waitFor();
    await pollOf(() => focused(shop.page)).toBe('button: Close cart');

    // Change a quantity with the stepper; pressing "−" at 1 keeps focus on it and keeps the line.
    await tabTo(shop.page, /^button: Increase quantity of House Blend$/);
    await shop.page.keyboard.press('Enter');
    await pollOf(line('house-blend')).toBe(2);
    await tabTo(shop.page, /^button: Decrease quantity of House Blend$/, { back: true });
    await shop.page.keyboard.press('Space');
    await pollOf(line('house-blend')).toBe(1);
    await shop.page.keyboard.press('Enter');
    expect(await line('house-blend')()).toBe(1);
    expect(await focused(shop.page)).toBe('button: Decrease quantity of House Blend');

    // Type a quantity into the field.
    await tabTo(shop.page, /^input: Quantity of Everyday Mug$/);
    await shop.page.keyboard.press('ControlOrMeta+A');
    await shop.page.keyboard.type('3');
    await shop.page.keyboard.press('Enter');
    await pollOf(line('everyday-mug')).toBe(3);

    // Remove a line: focus stays in the cart, on the Remove button now in its place.
    await tabTo(shop.page, /^button: Remove House Blend$/, { back: true });
    await shop.page.keyboard.press('Enter');
    await pollOf(line('house-blend')).toBe(0);
    expect(await focused(shop.page)).toBe('button: Remove Everyday Mug');

    // Reach PayPal's button, rendered in the page and slotted into the cart.
    await visible(paypalButton(shop.page));
    await tabTo(shop.page, /^button: PayPal/);
    expect(await paypalButton(shop.page).evaluate((button) => button === document.activeElement)).toBe(true);

    // Escape closes the cart; focus is back on the link that opened it.
    await shop.page.keyboard.press('Escape');
    await dialog(shop.page).waitFor({ state: 'hidden' });
    expect(await focusIsOn('.cart-link')).toBe(true);
    expect(await items(shop.page)).toEqual([{ productId: 'everyday-mug', options: { Size: '10 oz', Glaze: 'Oatmeal & slate' }, quantity: 3 }]);
  });

  it('moves focus to "Continue shopping" when the last line is removed, and that closes the cart', async () => {
    await demoWithSimulator(shop);
    await shop.page.goto('/demo/');
    await shop.page.evaluate(() => window.DropCart.ready);
    await tabTo(shop.page, /^button: Add to cart: Ethiopia Yirgacheffe$/);
    await shop.page.keyboard.press('Enter');
    await pollOf(line('yirgacheffe')).toBe(1);
    await tabTo(shop.page, /^a: Cart \d/, { back: true });
    await shop.page.keyboard.press('Enter');
    await dialog(shop.page).waitFor();
    await tabTo(shop.page, /^button: Remove Ethiopia Yirgacheffe$/);
    await shop.page.keyboard.press('Enter');
    await pollOf(() => focused(shop.page)).toBe('button: Continue shopping');
    await shop.page.keyboard.press('Enter');
    await dialog(shop.page).waitFor({ state: 'hidden' });
    expect(await focusIsOn('.cart-link')).toBe(true);
  });

  it('chooses a product option with the keyboard before adding', async () => {
    await shop.page.goto('/demo/');
    await shop.page.evaluate(() => window.DropCart.ready);
    await tabTo(shop.page, /^select: /);
    const size = shop.page.locator('article[data-product-id="house-blend"]').getByRole('combobox', { name: 'Size' });
    expect(await size.evaluate((select) => (select.getRootNode() as ShadowRoot).activeElement === select)).toBe(true);
    await shop.page.keyboard.press('ArrowDown');
    await tabTo(shop.page, /^button: Add to cart: House Blend$/);
    await shop.page.keyboard.press('Enter');
    await pollOf(() => items(shop.page)).toEqual([{ productId: 'house-blend', options: { Size: '500 g', Grind: 'Whole bean' }, quantity: 1 }]);
  });
});
