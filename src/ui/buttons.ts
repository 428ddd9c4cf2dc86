// The buttons dropcart inserts into a product (SPEC §3): option selectors for options the owner has no
// control for, "Add to cart" and "Buy now". Rendered in an open shadow root on a <dropcart-buttons> host.

import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Choice, Product } from '../model';
import type { App } from './context';
import { html } from './html';
import { shadowMount } from './styles';

export interface ButtonsProps {
  readonly app: App;
  readonly product: Product;
  /** options the owner supplies a control for: no selector of ours */
  readonly ownerControlled: ReadonlySet<string>;
  readonly showAdd: boolean;
  readonly showBuy: boolean;
  /** dropcart's own selector values, shared with the owner's buttons of the same product */
  readonly ownChoices: Map<string, string>;
  /** the buyer's current choices (owner controls + ours), null when an owner control is invalid */
  readonly readChoices: () => readonly Choice[] | null;
}

function ProductButtons({ app, product, ownerControlled, showAdd, showBuy, ownChoices, readChoices }: ButtonsProps) {
  const { t } = app;
  const [added, setAdded] = useState(false);
  const [, rerender] = useState(0);
  useEffect(() => {
    if (!added) return;
    const timer = setTimeout(() => setAdded(false), 1800);
    return () => clearTimeout(timer);
  }, [added]);

  const ours = product.options.filter((option) => !ownerControlled.has(option.name));
  const withChoices = (action: (choices: readonly Choice[]) => void) => () => {
    const choices = readChoices();
    if (choices) action(choices);
  };

  return html`<div part="buttons">
    ${ours.length > 0 &&
    html`<div class="opts">
      ${ours.map(
        (option) => html`<label class="opt" part="option" key=${option.name}>
          ${option.name}
          <select
            part="select"
            value=${ownChoices.get(option.name) ?? option.values[0]?.value}
            onChange=${(event: Event) => {
              ownChoices.set(option.name, (event.currentTarget as HTMLSelectElement).value);
              rerender((n) => n + 1);
            }}
          >
            ${option.values.map(
              (v) => html`<option value=${v.value} key=${v.value}>
                ${v.delta ? `${v.value} (${v.delta > 0 ? '+' : '−'}${app.money(Math.abs(v.delta))})` : v.value}
              </option>`,
            )}
          </select>
        </label>`,
      )}
    </div>`}
    <div class="row">
      ${showAdd &&
      html`<button
        type="button"
        class="btn"
        part="add-button"
        aria-label=${t('addToCartNamed', { name: product.name })}
        onClick=${withChoices((choices) => setAdded(app.add(product, choices, 1)))}
      >
        ${t('addToCart')}
      </button>`}
      ${showBuy &&
      html`<button
        type="button"
        class="btn secondary"
        part="buy-button"
        aria-label=${t('buyNowNamed', { name: product.name })}
        onClick=${withChoices((choices) => app.buyNow(product, choices))}
      >
        ${t('buyNow')}
      </button>`}
      ${added && html`<span class="added" aria-hidden="true">✓</span>`}
    </div>
  </div>`;
}

/** Renders (or re-renders) the buttons into a host's shadow root. */
export function renderButtons(host: HTMLElement, props: ButtonsProps): void {
  render(html`<${ProductButtons} ...${props} />`, shadowMount(host, 'buttons', props.app));
}

export function unmountButtons(host: HTMLElement): void {
  const mount = host.shadowRoot?.lastElementChild;
  if (mount) render(null, mount);
  host.remove();
}
