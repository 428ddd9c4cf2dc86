// The cart (SPEC §4, §6): a floating cart button and a modal <dialog> sliding in from the side, inside
// the open shadow root of one <dropcart-cart> host appended to <body>.
//
// A native modal <dialog> gives the focus trap (the rest of the page is inert), Escape and the top layer
// without code of ours (except while PayPal's window is open: see Dialog); focus is returned to the opener by
// the app. PayPal's buttons are rendered into a light-DOM child of the host, slotted into the dialog, because
// PayPal's SDK fails inside shadow roots (paypal-checkout-components issues 353, 1107, 1111).

import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CartLine } from '../model';
import type { App } from './context';
import { html, useStore } from './html';
import { shadowMount } from './styles';

const bagIcon = html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M6 7h12l1 13H5L6 7z"/><path d="M9 7a3 3 0 0 1 6 0"/></svg>`;
const closeIcon = html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true"><path d="M6 6l12 12M18 6L6 18"/></svg>`;
const checkIcon = html`<svg viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><circle cx="12" cy="12" r="10"/><path d="M7.5 12.5l3 3 6-6.5"/></svg>`;

function Stepper({ app, line, onChange }: { app: App; line: CartLine; onChange: (quantity: number) => void }) {
  const { t } = app;
  // While the buyer pays, the lines are locked (SPEC §5): what they see is what PayPal charges.
  const locked = useStore(app.$lock) !== null;
  // At a limit a step button is aria-disabled, not disabled: a disabled button drops keyboard focus to the
  // page, and the shopper who pressed "−" down to 1 would have to find their place again.
  const step = (quantity: number, atLimit: boolean, label: string, text: string) =>
    html`<button type="button" aria-label=${label} disabled=${locked} aria-disabled=${atLimit} onClick=${() => atLimit || onChange(quantity)}>${text}</button>`;
  return html`<div class="stepper" part="stepper">
    ${step(line.quantity - 1, line.quantity <= 1, t('decrease', { name: line.name }), '−')}
    <input
      type="number"
      inputmode="numeric"
      min="1"
      max=${line.maxQuantity}
      value=${line.quantity}
      disabled=${locked}
      aria-label=${t('quantity', { name: line.name })}
      onChange=${(event: Event) => {
        const input = event.currentTarget as HTMLInputElement;
        const quantity = Number(input.value);
        // A shopper's typo never loses the line: anything but a whole number ≥ 1 restores the quantity.
        if (Number.isInteger(quantity) && quantity >= 1) onChange(quantity);
        input.value = String(line.quantity);
      }}
    />
    ${step(line.quantity + 1, line.quantity >= line.maxQuantity, t('increase', { name: line.name }), '+')}
  </div>`;
}

interface LineProps {
  app: App;
  line: CartLine;
  onQuantity: (q: number) => void;
  onRemove?: () => void;
}

/** One line of the cart. Drawn again only when its line changed (lines are immutable: an unchanged one is the
 * same object) or Remove came or went: an add or a quantity step, and opening the cart, would otherwise redraw
 * every line (~8 ms for 100 lines, issue 6). Its handlers stay those of the render that drew it, so they must
 * not depend on anything else (the index of a line is looked up at the click). */
function LineItem(this: { props: LineProps; shouldComponentUpdate?: (next: LineProps) => boolean }, { app, line, onQuantity, onRemove }: LineProps) {
  this.shouldComponentUpdate = (next) => next.line !== this.props.line || !next.onRemove !== !this.props.onRemove;
  const { t } = app;
  const options = line.choices.map((c) => `${c.name}: ${c.value}`).join(', ');
  return html`<li class="line" part="line">
    ${line.image ? html`<img class="thumb" part="thumbnail" src=${line.image} alt="" loading="lazy" />` : html`<span class="thumb" part="thumbnail" aria-hidden="true">${bagIcon}</span>`}
    <div>
      <a class="name" href=${line.url}>${line.name}</a>
      ${options && html`<div class="meta">${options}</div>`}
      ${line.quantity > 1 && html`<div class="meta">${t('each', { amount: app.money(line.unitPrice) })}</div>`}
    </div>
    <div class="amount">${app.money(line.unitPrice * line.quantity)}</div>
    <div class="controls">
      <${Stepper} app=${app} line=${line} onChange=${onQuantity} />
      ${onRemove && html`<button type="button" class="remove" part="remove" aria-label=${t('remove', { name: line.name })} onClick=${onRemove}>${t('removeShort')}</button>`}
    </div>
  </li>`;
}

function Totals({ app }: { app: App }) {
  const { t, config } = app;
  const totals = useStore(app.$checkoutTotals);
  const methodId = useStore(app.cart.$shippingMethodId);
  const methods = config.shipping.methods;
  const chosen = totals.shippingMethod;
  return html`<div>
    ${totals.needsShipping &&
    methods.length > 1 &&
    html`<fieldset part="shipping">
      <legend>${t('shippingMethod')}</legend>
      ${methods.map(
        (method) => html`<label class="method" key=${method.id}>
          <input type="radio" name="dropcart-shipping" value=${method.id} checked=${(chosen?.id ?? methodId) === method.id} onChange=${() => app.cart.$shippingMethodId.set(method.id)} />
          <span>${method.label}${method.freeOver !== null && html`<small>${t('freeOver', { amount: app.money(method.freeOver) })}</small>`}</span>
          <span>${chosen?.id === method.id ? (totals.shipping ? app.money(totals.shipping) : t('free')) : app.money(method.amount)}</span>
        </label>`,
      )}
    </fieldset>`}
    <dl part="totals">
      <dt>${t('subtotal')}</dt><dd>${app.money(totals.subtotal)}</dd>
      ${chosen && html`<dt>${t('shipping')}${methods.length === 1 ? ` (${chosen.label})` : ''}</dt><dd>${totals.shipping ? app.money(totals.shipping) : t('free')}</dd>`}
      ${config.tax.included ? html`<dt>${t('taxIncluded')}</dt><dd></dd>` : config.tax.rate && html`<dt>${t('tax')}</dt><dd>${app.money(totals.tax)}</dd>`}
      <dt class="total">${t('total')}</dt><dd class="total" data-total>${app.money(totals.total)}</dd>
    </dl>
  </div>`;
}

function CheckoutArea({ app }: { app: App }) {
  const { t } = app;
  const payment = useStore(app.$payment);
  return html`<section class="checkout" part="checkout" aria-label=${t('paymentArea')} aria-busy=${payment.status === 'loading' || payment.status === 'processing'}>
    ${(payment.status === 'setup' || payment.status === 'notice') && html`<p class="status" part="status">${payment.message}</p>`}
    ${payment.status === 'error' &&
    html`<div class="status error" part="status error" role="alert">
      <p>${payment.message}</p>
      ${payment.retry && html`<button type="button" class="btn" onClick=${() => app.retryPayment()}>${t('retry')}</button>`}
    </div>`}
    ${(payment.status === 'loading' || payment.status === 'processing') && html`<div class="skeleton" role="status"><span class="sr">${t('loadingPayment')}</span></div>`}
    <slot name="checkout"></slot>
  </section>`;
}

function CartBody({ app }: { app: App }) {
  const { t, cart } = app;
  const lines = useStore(app.$checkoutLines);
  const locked = useStore(app.$lock) !== null;
  const notices = useStore(cart.$notices);
  const ref = useRef<HTMLDivElement>(null);
  const removedAt = useRef(-1);
  const shown = useRef(lines);
  shown.current = lines;
  // A layout effect: it runs with the render, in the task of the click, so focus never rests on the page between
  // the removal and its move (an effect would run after the next paint).
  useLayoutEffect(() => {
    // The Remove button that had focus is gone: focus goes to the Remove button now in its place (or the
    // last one), or to "Continue shopping" once the cart is empty, never back to the page (WCAG 2.4.3).
    const at = removedAt.current;
    removedAt.current = -1;
    const buttons = ref.current?.querySelectorAll<HTMLElement>('.remove, .btn');
    if (at >= 0 && buttons?.length) buttons[Math.min(at, buttons.length - 1)]!.focus();
  }, [lines]);
  if (lines.length === 0) {
    return html`<div class="empty" part="empty" ref=${ref}>
      <span class="mark">${bagIcon}</span>
      <p><strong>${t('empty')}</strong></p>
      <p class="muted">${t('emptyHint')}</p>
      <button type="button" class="btn secondary" onClick=${() => app.close()}>${t('continueShopping')}</button>
    </div>`;
  }
  return html`<div ref=${ref}>
    ${notices.map((n) => html`<p class="notice" part="notice" key=${n.lineId}>${t('priceChanged', { name: n.name, from: app.money(n.from), to: app.money(n.to) })}</p>`)}
    <ul part="lines">
      ${lines.map(
        (line) => html`<${LineItem}
          key=${line.id}
          app=${app}
          line=${line}
          onQuantity=${(quantity: number) => app.setQuantity(line.id, quantity)}
          onRemove=${locked
            ? undefined
            : () => {
                removedAt.current = shown.current.indexOf(line);
                app.remove(line.id);
              }}
        />`,
      )}
    </ul>
  </div>`;
}

/** A polite live region saying what app.announce() says: the page's one while the cart is closed, the dialog's
 * while it is open. A component of its own, so that an announcement (two per add) re-renders this element and
 * not the whole cart with its lines (issue 6). */
function LiveRegion({ app, inDialog }: { app: App; inDialog: boolean }) {
  const open = useStore(app.$open);
  const announcement = useStore(app.$announcement);
  // The dialog's region says only what happens while it is open: what the page's region said before
  // ("Added …") would otherwise be read again on opening. A new announcement passes through '' first.
  const stale = useRef<string | null>(null);
  const wasOpen = useRef(false);
  if (open && !wasOpen.current) stale.current = announcement;
  wasOpen.current = open;
  if (announcement !== stale.current) stale.current = null;
  const text = inDialog ? (open && stale.current === null ? announcement : '') : open ? '' : announcement;
  return html`<div class="sr" role="status" aria-live="polite">${text}</div>`;
}

function Dialog({ app }: { app: App }) {
  const { t } = app;
  const open = useStore(app.$open);
  const view = useStore(app.$view);
  const lines = useStore(app.$checkoutLines);
  const { count } = useStore(app.cart.$totals);
  const ref = useRef<HTMLDialogElement>(null);

  // Whether the dialog is open because we opened it. Its `close` event arrives as a task of its own, and input
  // tasks may run first: a close event from the last Escape can land after a quick reopen, so it must be
  // judged by the dialog's state now, not by the render it was bound in.
  const shown = useRef(false);
  // While PayPal's window is open, PayPal covers the page with an overlay of its own ("Click to Continue",
  // and a close button that cancels), appended to <body>. A modal dialog would put it under the top layer and
  // make it inert, out of the buyer's sight and reach (paypal-js#528; and where popups are blocked PayPal's
  // whole checkout is such an overlay). So the dialog is shown non-modally meanwhile, below PayPal's overlay
  // (z-index), and modal again once PayPal's window has closed.
  const payPalWindow = useStore(app.$payPalWindow);
  const modal = useRef(false);
  // A layout effect: the dialog opens in the task that rendered it, so the next frame shows it (an effect would
  // run after that frame, and the cart would appear a frame later, ~20-40 ms on a big page).
  useLayoutEffect(() => {
    const dialog = ref.current;
    // not in the document: the page took the cart's host away; it is put back, closed (app.refreshHooks)
    if (!dialog?.isConnected) return;
    shown.current = open;
    if (!open) {
      if (dialog.open) dialog.close();
      return;
    }
    const wanted = !payPalWindow;
    if (dialog.open && modal.current === wanted) return;
    // Switching: a shown dialog must be closed before it is shown again; its `close` event, which comes later,
    // finds it open and is ignored (onClose). The slide-in plays on opening only, and focus stays where it was.
    const switching = dialog.open;
    const focused = switching ? (dialog.getRootNode() as ShadowRoot).activeElement ?? document.activeElement : null;
    dialog.toggleAttribute('data-still', switching);
    if (switching) dialog.close();
    // Opening shows the first lines at once and lays out the rest a frame later (styles.ts: data-first): a
    // cart of 100 lines would otherwise make the browser lay out all of them before the cart first shows.
    if (!switching) {
      dialog.toggleAttribute('data-first', true);
      requestAnimationFrame(() => setTimeout(() => dialog.removeAttribute('data-first')));
    }
    if (wanted) dialog.showModal();
    else dialog.show();
    modal.current = wanted;
    if (focused instanceof HTMLElement && focused.isConnected) focused.focus();
  }, [open, payPalWindow]);

  const hasLines = lines.length > 0 && view.kind !== 'success';
  return html`<dialog
    ref=${ref}
    part="dialog"
    aria-labelledby=${view.kind === 'buy' ? undefined : 'dropcart-title'}
    aria-label=${view.kind === 'buy' ? `${t('cart')}: ${t('buyNow')}` : undefined /* SPEC §6: the dialog's name starts with "Cart" */}
    onCancel=${(event: Event) => {
      event.preventDefault(); // Escape: close through the app so focus returns and events fire
      app.close();
    }}
    onClose=${() => {
      // closed by the browser, not by us (a form's method="dialog", an Escape whose cancel could not be refused)
      if (shown.current && !ref.current?.open) {
        shown.current = false;
        app.close();
      }
    }}
    onClick=${(event: MouseEvent) => {
      if (event.target === ref.current) app.close(); // a click on the backdrop
    }}
  >
    <div class="head" part="header">
      <h2 id="dropcart-title">${view.kind === 'buy' ? t('buyNow') : t('cart')}${view.kind === 'cart' && count > 0 && html`<span class="count" aria-hidden="true">${count}</span>`}</h2>
      <button type="button" class="icon" part="close" aria-label=${t('closeCart')} onClick=${() => app.close()}>${closeIcon}</button>
    </div>
    <${LiveRegion} app=${app} inDialog=${true} />
    <div class="body" part="body">
      ${view.kind === 'cart' && html`<${CartBody} app=${app} />`}
      ${view.kind === 'buy' &&
      html`<ul part="lines">
        ${lines.map((line) => html`<${LineItem} key=${line.id} app=${app} line=${line} onQuantity=${(q: number) => app.setBuyQuantity(q)} />`)}
      </ul>`}
      ${view.kind === 'success' &&
      html`<div class="success" part="success">
        <span class="mark">${checkIcon}</span>
        <h3>${t('paid')}</h3>
        <p class="muted">${t('orderId', { id: '\u0000' })
          .split('\u0000')
          .map((text, i) => (i ? [html`<code>${view.orderId}</code>`, text] : text))}</p>
        <button type="button" class="btn" onClick=${() => app.close()}>${t('continueShopping')}</button>
      </div>`}
    </div>
    ${hasLines &&
    html`<div class="foot" part="footer">
      ${view.kind === 'buy' && html`<p class="back"><button type="button" class="remove" onClick=${() => app.$view.set({ kind: 'cart' })}>${t('backToCart')}</button></p>`}
      <${Totals} app=${app} />
      <${CheckoutArea} app=${app} />
    </div>`}
  </dialog>`;
}

function FloatingButton({ app }: { app: App }) {
  const { t } = app;
  const totals = useStore(app.cart.$totals);
  const wanted = useStore(app.$floatingButton);
  const open = useStore(app.$open);
  const ref = useRef<HTMLButtonElement>(null);
  // In the top layer (a manual popover) while the cart is closed: a page whose <body> or <html> has a transform or
  // filter makes it the box of every position:fixed element inside, which would pin the button to the end of the
  // page instead of the screen. While the cart is open the button leaves the top layer, so the modal cart (and,
  // when it is not modal, PayPal's overlay) stays above it. Browsers without the Popover API keep a fixed button.
  // After every render, not only when `open` changes: a button the page took out of the document left the top
  // layer, and app.refreshHooks draws it again to put it back.
  useLayoutEffect(() => {
    try {
      ref.current?.[open ? 'hidePopover' : 'showPopover']?.();
    } catch {
      // already so (older versions of the API threw), or not in the document
    }
  });
  if (!wanted || (app.config.cartButton === 'auto' && totals.count === 0)) return null;
  return html`<button
    ref=${ref}
    popover="manual"
    type="button"
    class="fab"
    part="cart-button"
    aria-label=${t('cartWithCount', { count: totals.count })}
    onClick=${(event: MouseEvent) => app.open(event.currentTarget as Element)}
  >
    ${bagIcon}<span class="badge" aria-hidden="true">${totals.count}</span>
  </button>`;
}

/** Says a price change (SPEC §4) through the live region as soon as it is noticed, open cart or not. */
function usePriceAnnouncements(app: App): void {
  const notices = useStore(app.cart.$notices);
  const said = useRef(new Set<string>());
  useEffect(() => {
    const texts: string[] = [];
    const now = new Set<string>();
    for (const n of notices) {
      const key = `${n.lineId} ${n.to}`;
      now.add(key);
      if (!said.current.has(key)) texts.push(app.t('priceChanged', { name: n.name, from: app.money(n.from), to: app.money(n.to) }));
    }
    said.current = now;
    if (texts.length) app.announce(texts.join(' '));
  }, [notices]);
}

function CartRoot({ app }: { app: App }) {
  const open = useStore(app.$open);
  usePriceAnnouncements(app);
  // The dialog is built when the browser is idle once the cart holds something (the first add, or a cart kept
  // from an earlier page), or when first opened if that comes sooner: never during the page's own load, and
  // not at all on a visit that adds nothing and never opens the cart (most visits: ~15 ms of script and the
  // dialog's DOM saved, issue 6). Whoever has something to open finds it built.
  const [idle, setIdle] = useState(false);
  useEffect(() => {
    const later = window.requestIdleCallback ?? ((run: () => void) => setTimeout(run, 300));
    let asked = false;
    const ask = ({ count }: { count: number }): void => {
      if (asked || count === 0) return;
      asked = true;
      // The first formatted price builds an Intl.NumberFormat, and the browser's first one loads its number
      // data: 20-40 ms here, over 100 ms on a phone's CPU. So in an idle moment of its own, once there are
      // prices to show: not on every page load, and not in the shopper's first add or open.
      later(() => app.money(0));
      later(() => setIdle(true));
    };
    ask(app.cart.$totals.get());
    return app.cart.$totals.listen(ask);
  }, []);
  const opened = useRef(false);
  opened.current ||= open || idle;
  return html`<${FloatingButton} app=${app} />
    <${LiveRegion} app=${app} inDialog=${false} />
    ${opened.current && html`<${Dialog} app=${app} />`}`;
}

export function renderCart(host: HTMLElement, app: App): void {
  render(html`<${CartRoot} app=${app} />`, shadowMount(host, 'cart', app));
}
