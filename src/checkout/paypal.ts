// Loading PayPal's JS SDK through @paypal/paypal-js (SPEC §5): once per page, lazily, with the store's
// currency, intent=capture and the nonce of dropcart's own <script> (so a strict CSP that trusts dropcart
// trusts PayPal's script too).

import { loadScript } from '@paypal/paypal-js';
import type { Config } from '../config';

/** The namespace PayPal's SDK defines for us (its `data-namespace` attribute). Not `paypal`: a page may
 * already use that global (an old PayPal integration, or a variable of its own), and two SDKs loaded with
 * different parameters must not overwrite each other. */
export const PAYPAL_NAMESPACE = 'dropcartPayPal';

/** The subset of the SDK dropcart uses (see @paypal/paypal-js types/components/buttons.d.ts). */
export interface PayPalButtonsInstance {
  render(container: HTMLElement): Promise<void>;
  close?(): Promise<void>;
  isEligible?(): boolean;
}
export interface PayPalSdk {
  Buttons?(options: Record<string, unknown>): PayPalButtonsInstance;
  HostedButtons?(options: { hostedButtonId: string }): { render(container: HTMLElement): Promise<void> };
}

let loading: Promise<PayPalSdk> | null = null;

/** Resolves with the SDK, or rejects (and forgets the failure, so a retry loads again). */
export function loadPayPal(config: Config, nonce: string, hostedButtons: boolean): Promise<PayPalSdk> {
  if (!loading) {
    const options: Parameters<typeof loadScript>[0] = {
      clientId: config.paypal.clientId as string,
      currency: config.currency,
      intent: 'capture',
      environment: config.paypal.environment,
      components: hostedButtons ? 'buttons,hosted-buttons' : 'buttons',
      dataNamespace: PAYPAL_NAMESPACE,
    };
    if (hostedButtons) options.enableFunding = 'venmo'; // as PayPal's Hosted Buttons snippet loads it
    if (config.paypal.sdkBaseUrl) options.sdkBaseUrl = config.paypal.sdkBaseUrl;
    if (nonce) options.dataCspNonce = nonce;
    loading = loadScript(options).then((sdk) => {
      if (!sdk || typeof (sdk as PayPalSdk).Buttons !== 'function') {
        throw new Error(`PayPal's script loaded but window.${PAYPAL_NAMESPACE}.Buttons is missing`);
      }
      return sdk as unknown as PayPalSdk;
    });
    loading.catch(() => {
      loading = null;
      // paypal-js leaves the failed <script> in <head>; remove it so the retry inserts a fresh one.
      for (const script of document.querySelectorAll(`script[data-namespace="${PAYPAL_NAMESPACE}"]`)) {
        if (!(window as unknown as Record<string, unknown>)[PAYPAL_NAMESPACE]) script.remove();
      }
    });
  }
  return loading;
}
