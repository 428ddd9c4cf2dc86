// Checkout with PayPal (SPEC §5): PayPal's buttons in the cart, orders built from the locked lines,
// and every outcome — approved, cancelled, declined, failed, SDK not loading — handled without losing the
// cart. The flow follows PayPal's JS SDK Buttons integration: createOrder → (buyer approves in PayPal's
// window) → onApprove → capture; onCancel and onError otherwise.
// https://developer.paypal.com/sdk/js/reference/#buttons
// In server mode (`paypal.serverUrl`, SPEC §7) the owner's handler creates and captures the order instead
// of the SDK's actions; everything else — lock, outcomes, events — is the same flow.

import { computeTotals } from '../cart/totals';
import { ERROR_CODE } from '../constants';
import { toLine, toTotals } from '../api';
import { emit } from '../events';
import { error, warn } from '../log';
import type { CartLine } from '../model';
import type { App } from '../ui/context';
import { buildOrderBody } from './order';
import { loadPayPal, type PayPalButtonsInstance } from './paypal';
import { captureServerOrder, createServerOrder, type ServerError } from './server';

export interface Checkout {
  /** the cart (or Buy now view) was opened: get PayPal ready there */
  open(): void;
  close(): void;
  /** the buyer added something: load PayPal's SDK when the browser is idle */
  warm(): void;
  retry(): void;
}

/** What the buyer is paying for, fixed when PayPal asks for the order (the checkout lock). */
export interface Locked {
  readonly lines: readonly CartLine[];
  readonly shippingMethodId: string | null;
  /** true for "Buy now": paying leaves the cart's lines alone */
  readonly buyNow: boolean;
}

interface Capture {
  id?: string;
  status?: string;
  details?: { issue?: string }[];
  purchase_units?: { amount?: { value?: string } }[];
}

type Actions = { order: { create(body: unknown): Promise<string>; capture(): Promise<Capture> }; restart?(): Promise<void> };

/** Server mode: the page and the handler's catalog disagree (SPEC §7). */
const REBUILD = ' Rebuild catalog.json from your pages with `npx dropcart catalog` and deploy it.';

const isDeclined = (value: unknown): boolean =>
  /INSTRUMENT_DECLINED|PAYER_ACTION_REQUIRED|TRANSACTION_REFUSED/.test(
    value instanceof Error ? value.message : JSON.stringify(value ?? ''),
  );

export function createCheckout(app: App, nonce = ''): Checkout {
  const { config, t, cart } = app;
  const { serverUrl } = config.paypal;
  /** which buttons are rendered in the slot: "cart", "hosted:<id>", or '' for none */
  let rendered = '';
  let buttons: PayPalButtonsInstance | null = null;
  /** counts show() calls that got as far as loading the SDK; only the latest one renders */
  let calls = 0;
  /** orders whose capture is under way, and orders paid: an order is never captured twice */
  const capturing = new Set<string>();
  const captured = new Set<string>();

  const setupProblem = (): string | null => {
    if (!config.currencySupported) return t('setupCurrency', { currency: config.currency });
    if (!config.paypal.clientId) {
      error('checkout is off: set "paypal": { "clientId": "…" } in the #dropcart-config script (use "test" to try PayPal\'s sandbox).');
      return t('setupNoClientId');
    }
    return null;
  };

  const fail = (code: string, message: string, retry = true): void => {
    app.$lock.set(null);
    app.$payment.set({ status: 'error', message, retry });
    // In the open cart the checkout area shows it as an alert, which screen readers announce on their own;
    // saying it through the live region too would read it twice.
    if (!app.$open.get()) app.announce(message);
    emit('error', { code, message });
  };

  /** Server mode: the handler failed. The owner gets its answer in the console; the buyer gets the name of
   * the line it refused (`lines[2]: the shop has no product "x"`), which trying again cannot fix, or else
   * the general message with its retry. */
  const serverFailed = (cause: unknown, lines: readonly CartLine[] = []): void => {
    const { status, message } = cause as ServerError;
    const line = status === 400 ? lines[Number(/\blines\[(\d+)\]/.exec(message)?.[1] ?? -1)] : undefined;
    error(`paypal.serverUrl: ${message}${line ? REBUILD : ''}`);
    fail(ERROR_CODE.paypalError, line ? t('unavailable', { name: line.name }) : t('paymentFailed'));
  };

  /** Locks what the buyer sees now, so other tabs cannot change it mid-payment. */
  const lock = (): Locked => {
    const view = app.$view.get();
    const locked: Locked = {
      lines: app.$checkoutLines.get(),
      shippingMethodId: cart.$shippingMethodId.get(),
      buyNow: view.kind === 'buy',
    };
    app.$lock.set(locked);
    emit('checkout', {
      items: locked.lines.map((line) => toLine(line, config.currency)),
      totals: toTotals(app.$checkoutTotals.get(), config.currency),
    });
    return locked;
  };

  /** What each PayPal order was created for. Closing the cart releases the lock while PayPal's window may
   * still be open; the approval of that order must still pay for, report and remove exactly these lines. */
  const paying = new Map<string, Locked>();

  const succeed = (orderId: string, capture: unknown): void => {
    const locked = paying.get(orderId) ?? app.$lock.get();
    paying.delete(orderId);
    const totals = toTotals(locked ? computeTotals(locked.lines, config, locked.shippingMethodId) : app.$checkoutTotals.get(), config.currency);
    const items = (locked?.lines ?? []).map((line) => toLine(line, config.currency));
    const charged = (capture as Capture).purchase_units?.[0]?.amount?.value;
    if (serverUrl && charged !== totals.total) {
      warn(`order ${orderId}: PayPal charged ${charged}, the page showed ${totals.total}.${REBUILD}`);
    }
    if (locked && !locked.buyNow) cart.removePaid(locked.lines);
    app.$lock.set(null);
    app.$payment.set({ status: 'idle' });
    app.$view.set({ kind: 'success', orderId });
    // The buyer may have closed the cart while paying in PayPal's window: show them the confirmation.
    if (!app.$open.get()) app.open();
    app.announce(`${t('paid')} ${t('orderId', { id: orderId })}`);
    emit('approve', { orderId, items, totals, capture });
    if (config.successUrl) {
      const url = new URL(config.successUrl);
      url.searchParams.set('order', orderId);
      window.location.assign(url.href);
    }
  };

  const buttonOptions = {
    style: config.paypal.buttonStyle ?? { layout: 'vertical', shape: 'rect', label: 'paypal' },
    // Called when the buyer has clicked: PayPal's window opens, with PayPal's overlay over the page (see
    // src/ui/cart.ts). The SDK's other callbacks come once that window has closed.
    createOrder: async (_data: unknown, actions: Actions) => {
      app.$payPalWindow.set(true);
      app.$payment.set({ status: 'ready' });
      const locked = lock();
      let orderId: string;
      if (serverUrl) {
        try {
          orderId = await createServerOrder(serverUrl, locked);
        } catch (cause) {
          // Told here, with the handler's reason (the SDK's onError only gets the rejection).
          serverFailed(cause, locked.lines);
          throw cause;
        }
      } else {
        orderId = await actions.order.create(buildOrderBody(locked.lines, config, locked.shippingMethodId));
      }
      paying.set(orderId, locked);
      return orderId;
    },
    onApprove: async (data: { orderID: string }, actions: Actions) => {
      const orderId = data.orderID;
      if (captured.has(orderId)) return; // never capture twice
      if (capturing.has(orderId)) {
        // A second approval of the same order: PayPal declined the first funding source, restarted its
        // window by itself (it does so for INSTRUMENT_DECLINED when actions.order.capture() is used, and
        // that capture never settles), and the buyer chose another one.
        // https://developer.paypal.com/docs/checkout/standard/customize/handle-funding-failures/
        emit('error', { code: ERROR_CODE.paypalDeclined, message: t('declined') });
      }
      capturing.add(orderId);
      app.$payment.set({ status: 'processing' });
      try {
        // A declined card makes PayPal reopen its window: actions.order.capture() then never settles, and the
        // window stays open as far as the cart is concerned until the next approval's capture does.
        const capture: Capture = serverUrl ? await captureServerOrder(serverUrl, orderId) : await actions.order.capture();
        app.$payPalWindow.set(false);
        capturing.delete(orderId);
        if (capture?.status === 'COMPLETED') {
          captured.add(orderId);
          return succeed(orderId, capture);
        }
        fail(isDeclined(capture) ? ERROR_CODE.paypalDeclined : ERROR_CODE.paypalError, t(isDeclined(capture) ? 'declined' : 'paymentFailed'));
      } catch (cause) {
        if (serverUrl && (cause as ServerError).code === ERROR_CODE.paypalDeclined && actions.restart) {
          // PayPal restarts its window by itself only for actions.order.capture(); a server-side capture
          // restarts it, as PayPal's server-side example does. The order stays in `capturing`, so its next
          // approval or cancel reports the decline exactly as in client mode.
          // https://developer.paypal.com/docs/checkout/standard/customize/handle-funding-failures/
          return actions.restart();
        }
        app.$payPalWindow.set(false);
        capturing.delete(orderId);
        if (serverUrl) return serverFailed(cause, paying.get(orderId)?.lines);
        error('PayPal could not capture the payment:', cause);
        fail(isDeclined(cause) ? ERROR_CODE.paypalDeclined : ERROR_CODE.paypalError, t(isDeclined(cause) ? 'declined' : 'paymentFailed'));
      }
    },
    onCancel: (data: { orderID?: string }) => {
      app.$payPalWindow.set(false);
      const orderId = data?.orderID ?? '';
      paying.delete(orderId);
      if (capturing.has(orderId)) {
        // The buyer closed PayPal's window after it declined their payment method (see onApprove).
        capturing.delete(orderId);
        return fail(ERROR_CODE.paypalDeclined, t('declined'));
      }
      app.$lock.set(null);
      app.$payment.set({ status: 'notice', message: t('cancelled') });
      app.announce(t('cancelled'));
      emit('cancel', { orderId });
    },
    onError: (cause: unknown) => {
      app.$payPalWindow.set(false);
      // Already shown: server mode's createOrder told its own failure before the SDK passed it on here.
      if (app.$payment.get().status === 'error') return;
      error('PayPal reported an error:', cause);
      fail(ERROR_CODE.paypalError, t('paymentFailed'));
    },
  };

  /** Renders PayPal's buttons for the current view into the light-DOM slot (once per kind of view). */
  const show = async (): Promise<void> => {
    const problem = setupProblem();
    if (problem) {
      app.$payment.set({ status: 'setup', message: problem });
      return;
    }
    const view = app.$view.get();
    if (view.kind === 'success' || app.$checkoutLines.get().length === 0) return;
    const hostedId = view.kind === 'buy' ? view.product.hostedButtonId : null;
    const key = hostedId ? `hosted:${hostedId}` : 'cart';
    if (rendered === key && app.$payment.get().status !== 'error') return;

    // A later call (the cart closed and opened again, or the view changed, while the SDK loaded) takes
    // over: rendering twice would leave an orphaned PayPal instance whose container is gone, which PayPal
    // reports as an error ("Detected container element removed from DOM").
    const call = ++calls;
    app.$payment.set({ status: 'loading' });
    let sdk;
    try {
      sdk = await loadPayPal(config, nonce, hostedId !== null || app.hasHostedButtons());
    } catch (cause) {
      if (call !== calls) return;
      error('PayPal\'s checkout script could not be loaded:', cause);
      return fail(ERROR_CODE.paypalLoadFailed, t('loadFailed'));
    }
    if (call !== calls) return;
    // The view may have changed while the SDK loaded.
    if (!app.$open.get()) {
      app.$payment.set({ status: 'idle' });
      return;
    }
    try {
      await buttons?.close?.();
    } catch {
      // an already-closed instance
    }
    if (call !== calls) return;
    buttons = null;
    const container = document.createElement('div');
    app.checkoutSlot.replaceChildren(container);
    rendered = key;
    try {
      if (hostedId && sdk.HostedButtons) {
        // Hosted Buttons keep the price at PayPal: the owner's button, not our order body, decides it.
        await sdk.HostedButtons({ hostedButtonId: hostedId }).render(container);
      } else {
        buttons = (sdk.Buttons as NonNullable<typeof sdk.Buttons>)(buttonOptions);
        await buttons.render(container);
      }
      if (call === calls) app.$payment.set({ status: 'ready' });
    } catch (cause) {
      if (call !== calls) return; // closed by the call that took over
      rendered = '';
      error('PayPal\'s buttons could not be shown:', cause);
      fail(ERROR_CODE.paypalError, t('paymentFailed'));
    }
  };

  // The view or the lines changed while the cart is open: Buy now ↔ cart needs other buttons, and a cart
  // that was empty has none yet.
  app.$view.listen(() => {
    if (app.$open.get()) void show();
  });
  app.$checkoutLines.listen((lines) => {
    if (app.$open.get() && lines.length > 0 && rendered === '') void show();
  });

  let warmed = false;
  return {
    open() {
      void show();
    },
    close() {
      app.$payPalWindow.set(false);
      // Whatever was not paid stays in the cart; an unfinished PayPal window keeps its own order.
      if (app.$payment.get().status !== 'processing') app.$lock.set(null);
      if (app.$payment.get().status === 'error') app.$payment.set({ status: 'idle' });
    },
    warm() {
      if (warmed || setupProblem() !== null) return;
      warmed = true;
      // Never during page load (SPEC §5): only after the buyer's first add, when the browser is idle.
      const idle = (window as { requestIdleCallback?: (fn: () => void, opts?: { timeout: number }) => void }).requestIdleCallback;
      // Not once the cart has asked for it (calls > 0): it loads, or failed and offers the buyer a retry, and a
      // late idle callback must not fetch again behind the buyer's back.
      const load = (): void => {
        if (calls === 0) loadPayPal(config, nonce, app.hasHostedButtons()).catch(() => (warmed = false));
      };
      if (idle) idle(load, { timeout: 4000 });
      else setTimeout(load, 1500);
    },
    retry() {
      rendered = '';
      app.$payment.set({ status: 'idle' });
      void show();
    },
  };
}
