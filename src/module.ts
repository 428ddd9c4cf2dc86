// The ES module entry (`import { DropCart } from "dropcart"`): the same API as window.DropCart. In Node or
// during server-side rendering there is no document, so nothing starts and nothing touches window.

import { createDropCart, exposeDropCart } from './app';
import { RUNNING_MARK } from './constants';
import type { DropCartApi } from './types';

export type * from './types';

function get(): DropCartApi | undefined {
  if (typeof window === 'undefined' || typeof document === 'undefined') return undefined;
  const page = window as unknown as Record<PropertyKey, unknown>;
  if (page[RUNNING_MARK] && page.DropCart) return page.DropCart as DropCartApi;
  page[RUNNING_MARK] = true;
  const api = createDropCart();
  exposeDropCart(api);
  return api;
}

export const DropCart = get() as DropCartApi;
export default DropCart;
