// htm bound to preact's h: components are tagged templates, so user text is always text (never parsed as
// HTML) and no JSX build step is needed.
import { h } from 'preact';
import htm from 'htm';
import { useEffect, useState } from 'preact/hooks';
import type { ReadableAtom } from 'nanostores';

export const html = htm.bind(h);

/** Subscribes a component to a nanostores store (the 20 lines @nanostores/preact would add, minus its weight). */
export function useStore<T>(store: ReadableAtom<T>): T {
  const [, rerender] = useState(0);
  useEffect(() => store.listen(() => rerender((n) => n + 1)), [store]);
  return store.get();
}
