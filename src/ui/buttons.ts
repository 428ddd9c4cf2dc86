// The buttons dropcart inserts into a product (SPEC §3): option selectors for options the owner has no
// control for, "Add to cart" and "Buy now". Rendered in an open shadow root on a <dropcart-buttons> host.
//
// Plain DOM rather than preact (issue 6): a page may hold thousands of these, and building them directly
// costs about a third less script time and half the heap of a component tree each. They are rebuilt only
// when what they show changes; a rescan with the same shape only brings the selectors' values up to date,
// so a shopper's focus is never lost to a rescan.

import type { Choice, Product } from '../model';
import type { App } from './context';
import { shadowMount } from './styles';

export interface ButtonsProps {
  readonly app: App;
  readonly product: Product;
  /** the owner's product element the buttons belong to */
  readonly el: Element;
  /** options the owner supplies a control for: no selector of ours */
  readonly ownerControlled: ReadonlySet<string>;
  readonly showAdd: boolean;
  readonly showBuy: boolean;
  /** dropcart's own selector values, shared with the owner's buttons of the same product */
  readonly ownChoices: Map<string, string>;
  /** the buyer's current choices for a product element (owner controls + ours), null when an owner control is
   * invalid; one function for every product (no closure per product) */
  readonly readChoices: (el: Element) => readonly Choice[] | null;
}

interface Rendered {
  shape: string;
  props: ButtonsProps;
  selects: [name: string, select: HTMLSelectElement][];
  /** the element whose ::after shows the ✓ after an add */
  row: Element;
  timer?: ReturnType<typeof setTimeout>;
}

const rendered = new WeakMap<Element, Rendered>();

/** How long the ✓ after a successful add stays, in ms. */
const ADDED_MS = 1800;

function make<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string>, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const name in attrs) node.setAttribute(name, attrs[name] as string);
  node.append(...children);
  return node;
}

/** The one click listener of every product's buttons, on the shadow root's mount: a page of 10,000 products
 * holds no closures per product for them (issue 6's heap: ~0.3 KB per product). It reads the latest props, so a
 * rescan may hand over new ones without rebuilding. */
function onClick(event: Event): void {
  const state = rendered.get(event.currentTarget as Element) as Rendered;
  const button = (event.target as Element).closest('button');
  const { app, product, el, readChoices } = state.props;
  const choices = button && readChoices(el);
  if (!choices) return;
  if (button.part.contains('buy-button')) return app.buyNow(product, choices);
  if (!app.add(product, choices, 1)) return;
  const { row } = state;
  row.toggleAttribute('data-on', true);
  clearTimeout(state.timer);
  state.timer = setTimeout(() => row.toggleAttribute('data-on', false), ADDED_MS);
}

/** Renders (or brings up to date) the buttons in a host's shadow root. */
export function renderButtons(host: HTMLElement, props: ButtonsProps): void {
  const mount = shadowMount(host, 'buttons', props.app);
  const { app, product, ownerControlled, showAdd, showBuy, ownChoices } = props;
  const ours = product.options.filter((option) => !ownerControlled.has(option.name));
  const shape = ours.length ? JSON.stringify([product.name, ours, showAdd, showBuy]) : `${+showAdd}${+showBuy}${product.name}`;
  let state = rendered.get(mount);
  if (!state) mount.addEventListener('click', onClick);
  if (state?.shape !== shape) {
    const { t } = app;
    const selects: Rendered['selects'] = [];
    // The ✓ after an add is the row's ::after (styles.ts): no element of its own on every product, and it keeps
    // its place while invisible, so showing it changes only paint and an add never makes the browser lay out
    // the owner's grid again (a page of 10,000 cards pays ~80 ms for that).
    let row: Element = mount;
    mount.removeAttribute('data-on');
    if (state) clearTimeout(state.timer);
    const button = (buy: boolean): HTMLButtonElement =>
      make(
        'button',
        {
          type: 'button',
          class: buy ? 'btn secondary' : 'btn',
          part: buy ? 'buy-button' : 'add-button',
          'aria-label': t(buy ? 'buyNowNamed' : 'addToCartNamed', { name: product.name }),
        },
        t(buy ? 'buyNow' : 'addToCart'),
      );

    // As few elements as possible (each is restyled when the cart's modal opens, on every product): without
    // options the shadow root's own .root is the wrapper part and the row of buttons at once.
    const children: Node[] = [];
    if (ours.length > 0) {
      const opts = make('div', { class: 'opts' });
      for (const option of ours) {
        const select = make(
          'select',
          { part: 'select' },
          ...option.values.map((v) =>
            make('option', { value: v.value }, v.delta ? `${v.value} (${v.delta > 0 ? '+' : '−'}${app.money(Math.abs(v.delta))})` : v.value),
          ),
        );
        // (only products with options have selectors: a closure each is fine)
        select.addEventListener('change', () => (rendered.get(mount) as Rendered).props.ownChoices.set(option.name, select.value));
        selects.push([option.name, select]);
        opts.append(make('label', { class: 'opt', part: 'option' }, option.name, select));
      }
      children.push(opts);
    }
    const buttons: Node[] = [];
    if (showAdd) buttons.push(button(false));
    if (showBuy) buttons.push(button(true));
    const withOptions = children.length > 0;
    if (withOptions) children.push((row = make('div', { class: 'row' }, ...buttons)));
    else children.push(...buttons);
    mount.setAttribute('part', 'buttons');
    mount.className = withOptions ? 'root' : 'root row';
    mount.replaceChildren(...children);
    state = { shape, props, selects, row };
    rendered.set(mount, state);
  }
  state.props = props;
  for (const [name, select] of state.selects) {
    const option = product.options.find((o) => o.name === name);
    const value = ownChoices.get(name) ?? option?.values[0]?.value;
    if (value !== undefined && select.value !== value) select.value = value;
  }
}

export function unmountButtons(host: HTMLElement): void {
  host.remove();
}
