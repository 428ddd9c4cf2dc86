// An owner's option selector that starts on a placeholder ("Choose a size", value ""): the buyer is asked to
// choose before adding; it is not an owner mistake (SPEC §3 owner selectors; no [dropcart] message).
import { expect, it } from 'vitest';
import { dropcartPage, useShop } from './harness';

const shop = useShop();

const TEE = `<article data-product-id="tee" data-product-name="Black tee" data-product-price="20.00"
  data-product-option1-name="Size" data-product-option1-values="S|M|L[+2.00]">
  <h2>Black tee</h2>
  <select id="size" data-product-option="Size" aria-label="Size">
    <option value="">Choose a size</option><option>S</option><option>M</option><option>L</option>
  </select>
</article>`;

it('asks the buyer to choose an option whose owner selector still shows its placeholder, then adds the choice', async () => {
  await shop.page.goto(dropcartPage(TEE));
  await shop.page.evaluate(() => window.DropCart.ready);
  const add = shop.page.getByRole('button', { name: 'Add to cart: Black tee' });
  await add.click();

  expect(await shop.page.evaluate(() => window.DropCart.items().length)).toBe(0);
  const asked = await shop.page.evaluate(() => {
    const select = document.querySelector<HTMLSelectElement>('#size')!;
    return { message: select.validationMessage, focused: document.activeElement === select };
  });
  expect(asked).toEqual({ message: 'Choose Size for Black tee', focused: true });
  expect(shop.dropcartMessages()).toEqual([]);

  await shop.page.selectOption('#size', 'L');
  expect(await shop.page.evaluate(() => document.querySelector<HTMLSelectElement>('#size')!.validationMessage)).toBe('');
  await add.click();
  expect(await shop.page.evaluate(() => window.DropCart.items().map((line) => [line.options, line.price]))).toEqual([[{ Size: 'L' }, '22.00']]);
});
