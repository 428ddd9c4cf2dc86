// The <script> tag entry (SPEC §1): one self-contained IIFE that sets window.DropCart. Included twice, it
// runs once: the second copy finds the first one's mark and leaves everything alone.

import { createDropCart, exposeDropCart } from './app';
import { RUNNING_MARK } from './constants';
import { error, warn } from './log';

const page = window as unknown as Record<PropertyKey, unknown>;
if (!page[RUNNING_MARK]) {
  try {
    page[RUNNING_MARK] = true;
    // currentScript exists only while this file first runs. Its nonce goes to PayPal's script (SPEC §1).
    const api = createDropCart((document.currentScript as HTMLScriptElement | null)?.nonce ?? '');
    if (page.DropCart !== undefined) warn('window.DropCart was already defined by the page; dropcart replaces it (rename the page\'s own if it needs it).');
    exposeDropCart(api);
  } catch (cause) {
    error('could not start:', cause);
  }
}
