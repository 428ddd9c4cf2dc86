// dropcart:* events (SPEC §8): a CustomEvent on document, and the same detail to DropCart.on handlers.
// A handler that throws is the host's bug; it is reported and never stops dropcart or other handlers.

import { EVENT_PREFIX } from '../constants';
import { error } from '../log';
import type { DropCartEventName, DropCartEvents } from '../types';

type Handler<K extends DropCartEventName> = (detail: DropCartEvents[K]) => void;

const handlers = new Map<string, Set<Handler<never>>>();

export function emit<K extends DropCartEventName>(name: K, detail: DropCartEvents[K]): void {
  for (const handler of [...(handlers.get(name) ?? [])]) {
    try {
      (handler as Handler<K>)(detail);
    } catch (cause) {
      error(`a DropCart.on("${name}") handler threw:`, cause);
    }
  }
  try {
    // dispatchEvent reports listener exceptions to window.onerror itself and does not rethrow.
    document.dispatchEvent(new CustomEvent(EVENT_PREFIX + name, { detail }));
  } catch {
    // a host that broke CustomEvent or document.dispatchEvent loses the DOM events, not the cart
  }
}

export function on<K extends DropCartEventName>(name: K, handler: Handler<K>): () => void {
  if (typeof handler !== 'function') throw new TypeError(`[dropcart] DropCart.on("${String(name)}", handler): handler must be a function.`);
  let set = handlers.get(name);
  if (!set) handlers.set(name, (set = new Set()));
  set.add(handler as Handler<never>);
  return () => {
    set.delete(handler as Handler<never>);
  };
}
