// htm bound to preact's h: components are tagged templates, so user text is always text (never parsed as
// HTML) and no JSX build step is needed.
import { h } from 'preact';
import htm from 'htm';
import { useEffect, useState } from 'preact/hooks';
import type { ReadableAtom } from 'nanostores';

export const html = /* @__PURE__ */ htm.bind(h);

/** Subscribes a component to a nanostores store (the 20 lines @nanostores/preact would add, minus its weight). */
export function useStore<T>(store: ReadableAtom<T>): T {
  const value = store.get();
  const [, rerender] = useState(0);
  useEffect(() => {
    const unlisten = store.listen(() => rerender((n) => n + 1));
    // Effects run after the render, so a change in between (start-up sets stores right after the first
    // render) would never reach this component: compare once now.
    if (store.get() !== value) rerender((n) => n + 1);
    return unlisten;
  }, [store]);
  return value;
}
