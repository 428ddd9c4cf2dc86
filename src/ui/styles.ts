// Styles for dropcart's shadow roots, applied as constructable stylesheets (SPEC §1: no inline <style> or
// style attributes, so a strict CSP with no 'unsafe-inline' needs nothing from the owner).
//
// Host-CSS immunity (SPEC §6): the element every component renders into, `.root`, the first box inside
// each shadow boundary, starts from `all: initial`, so no inherited property of the page (line-height,
// letter-spacing, text-transform, writing-mode, -webkit-text-fill-color, … and any added to CSS later) gets
// in; `all` leaves `direction` alone, so right-to-left pages still mirror the widget. What should come from
// the page is inherited again on purpose: the font (SPEC §6: the host's unless --dropcart-font is set; an
// unset custom property makes the declaration act as `unset`, which for font-family means inherit), the
// colour scheme (see `buttons`), visibility and pointer-events. The host element itself keeps the owner's
// layout (display, margin, grid placement): they may place the buttons in their own grid. --dropcart-*
// custom properties set on :root or an ancestor still theme the widget: `all` does not touch them.

import type { Config } from '../config';

// The dark palette, for the cart in dark mode and for buttons on a page that is dark (see `buttons`).
// --_ink is the accent as text or a ring on the background: an owner's accent is usually chosen for a
// light page, so in the dark it is lightened towards the text colour to keep 4.5:1.
const dark = `--_bg:var(--dropcart-bg,#17181b);--_text:var(--dropcart-text,#eceef1);--_accent:var(--dropcart-accent,#6fcf9f);
--_accent-text:var(--dropcart-accent-text,#0d1f17);--_ink:color-mix(in srgb,var(--_accent) 60%,var(--_text));color-scheme:dark!important`;

// Transitions are declared only on the states that use them (a button while hovered, the ✓ while shown), never at
// rest: opening the cart's modal restyles every element of the page, and each element at rest with a `transition`
// makes the browser check it for a transition start. Opening in traced loads: 43 → 40 ms on 1,000 products,
// 324 → 282 ms on 10,000 (issue 6; test/browser/scan-large.test.ts). Leaving hover, a button goes back at once.
const base = `
:host{display:block;
--_accent:var(--dropcart-accent,#1f5f4a);--_accent-text:var(--dropcart-accent-text,#fff);--_ink:var(--_accent);
--_bg:var(--dropcart-bg,#fff);--_text:var(--dropcart-text,#1c1d1f);--_muted:color-mix(in srgb,var(--_text) 70%,var(--_bg));
--_line:color-mix(in srgb,var(--_text) 16%,var(--_bg));--_soft:color-mix(in srgb,var(--_text) 6%,var(--_bg));
--_radius:var(--dropcart-radius,10px)}
.root{all:initial;display:block;font-family:var(--dropcart-font);font-size:16px;line-height:1.45;color:var(--_text);
color-scheme:inherit;visibility:inherit;pointer-events:inherit;-webkit-text-size-adjust:100%;text-size-adjust:100%}
:host([data-mode]){color-scheme:light!important}
:host([data-mode=dark]){${dark}}
@media (prefers-color-scheme:dark){:host([data-mode=auto]){${dark}}}
*{box-sizing:border-box}
[hidden]{display:none!important}
button,input,select{font:inherit;font-weight:400;color:inherit;margin:0}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--_ink);outline-offset:2px}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:.4em;min-height:44px;min-width:44px;
padding:.55em 1.1em;border-radius:var(--_radius);border:1.5px solid var(--_accent);background:var(--_accent);
color:var(--_accent-text);font-weight:600;font-size:15px;line-height:1.2;text-decoration:none}
.btn:hover{filter:brightness(1.08);transition:filter .15s,transform .1s,background-color .15s}
.btn:active{transform:translateY(1px)}
.btn[disabled]{opacity:.55;cursor:not-allowed}
.btn.secondary{background:var(--_bg);color:var(--_ink);border-color:currentcolor}
.btn.secondary:hover{background:var(--_soft);filter:none}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:reduce){*{transition:none!important;animation:none!important}}
`;

// The ✓ after an add (the row's ::after, hidden from assistive tech by its empty alternative text, `/ ""`;
// the live region says what was added) fades in by its colour and goes at once, and is hidden by visibility
// (also where forced colours would paint a transparent colour): both change paint only. Opacity would not: an element whose opacity
// reaches or leaves 1 gains or loses a stacking context, and on a page of 10,000 products the browser then
// lays out and pre-paints the whole page, ~80 ms per frame, twice per add (issue 6).
// Buttons sit on the owner's page, whose colours dropcart cannot know. With theme.mode "auto" they follow
// the page's own colour scheme (the inherited CSS color-scheme, read by light-dark()): a page that declares
// `color-scheme: light dark` gets dark buttons in dark mode, a light-only page keeps light ones even when
// the system is dark. Browsers without light-dark() keep the light palette.
const buttons = `
:host{margin-block-start:12px!important}
@media print{:host{display:none!important}}
@supports (color:light-dark(#000,#fff)){:host(:not([data-mode])){--_bg:var(--dropcart-bg,light-dark(#fff,#17181b));
--_text:var(--dropcart-text,light-dark(#1c1d1f,#eceef1));--_accent:var(--dropcart-accent,light-dark(#1f5f4a,#6fcf9f));
--_accent-text:var(--dropcart-accent-text,light-dark(#fff,#0d1f17));--_ink:light-dark(var(--_accent),color-mix(in srgb,var(--_accent) 60%,var(--_text)))}}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
.opts{display:flex;flex-wrap:wrap;gap:.6em .75em;margin-block-end:.75em}
label.opt{display:flex;flex-direction:column;gap:.25em;max-width:100%;font-size:13px;font-weight:600}
select{min-height:44px;min-width:8em;max-width:100%;padding:.4em 2em .4em .75em;border:1.5px solid var(--_line);border-radius:var(--_radius);
background:var(--_bg);color:var(--_text);font-size:15px}
.row::after{content:"✓";content:"✓"/"";font-size:14px;font-weight:600;visibility:hidden;color:transparent}
.row[data-on]::after{visibility:visible;color:var(--_ink);transition:color .15s,visibility .15s}
`;

// On phones with a notch or a home indicator, on pages with `viewport-fit=cover`, the floating button keeps its
// 20 px from the edge of the safe area and the cart's content stays inside it (its background fills the rest);
// elsewhere the insets are 0. While the cart opens (data-first, set by Dialog for one frame) only the lines that
// fit on a screen are laid out; the rest follow in the next frame. On paper the floating button and the product
// buttons are left out (the button would repeat on every printed page); an open cart prints.
const cart = `
:host,.root{display:contents!important}
.fab{position:fixed;inset:auto;inset-block-end:calc(20px + env(safe-area-inset-bottom,0px));inset-inline-end:calc(20px + max(env(safe-area-inset-left,0px),env(safe-area-inset-right,0px)));z-index:2147483000;display:flex;align-items:center;gap:.5em;
min-height:52px;padding:0 18px;border-radius:999px;border:2px solid transparent;background:var(--_accent);color:var(--_accent-text);
font-weight:700;font-size:15px;box-shadow:0 6px 24px rgb(0 0 0/.22);transition:transform .2s}
.fab:hover{transform:translateY(-2px)}
@media print{.fab{display:none!important}}
.fab svg{width:22px;height:22px}
.badge,.count{min-width:1.6em;padding:0 .45em;border-radius:999px;font-size:13px;font-weight:700;line-height:1.6em;text-align:center}
.badge{background:var(--_accent-text);color:var(--_accent)}
.count{display:inline-block;margin-inline-start:8px;background:var(--_soft);color:var(--_muted);vertical-align:3px}
dialog{position:fixed;inset-block:0;inset-inline-start:auto;inset-inline-end:0;margin:0;width:min(440px,100%);max-width:100%;height:100%;max-height:100%;
padding:env(safe-area-inset-top) env(safe-area-inset-right) env(safe-area-inset-bottom) env(safe-area-inset-left);border:0;outline:1px solid transparent;background:var(--_bg);color:var(--_text);box-shadow:0 0 48px rgb(0 0 0/.28);display:flex;flex-direction:column;
font:inherit;overflow:hidden}
dialog:not([open]){display:none}
dialog:not(:modal){z-index:2147483000}
dialog[data-still]{animation:none!important}
[data-first] li:nth-child(n+13){display:none}
dialog::backdrop{background:rgb(15 17 20/.45)}
dialog[open]{animation:slide .24s cubic-bezier(.2,.8,.2,1)}
:host(:dir(rtl)) dialog[open]{animation-name:slide-rtl}
@media (max-width:480px){dialog{width:100%}}
@keyframes slide{from{transform:translateX(100%)}}
@keyframes slide-rtl{from{transform:translateX(-100%)}}
.head{display:flex;align-items:center;justify-content:space-between;padding-block:12px;padding-inline:22px 10px;border-block-end:1px solid var(--_line)}
h2{margin:0;font-size:20px;font-weight:700;line-height:1.2}
.icon{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;border:0;border-radius:var(--_radius);background:transparent;color:inherit}
.icon:hover{background:var(--_soft)}
.icon svg{width:20px;height:20px}
.body{flex:1;overflow-y:auto;padding:4px 22px 16px;overscroll-behavior:contain}
.notice{margin:12px 0 0;padding:10px 12px;border-radius:var(--_radius);background:color-mix(in srgb,#e3a008 18%,var(--_bg));font-size:14px}
ul{list-style:none;margin:0;padding:0}
li.line{display:grid;grid-template-columns:64px minmax(0,1fr) auto;gap:4px 14px;padding:16px 0;border-block-end:1px solid var(--_line)}
li.line:last-child{border:0}
.thumb{width:64px;height:64px;border-radius:calc(var(--_radius) - 2px);object-fit:cover;background:var(--_soft);grid-row:span 2}
span.thumb{display:grid;place-items:center;color:var(--_muted)}span.thumb svg{width:26px;height:26px;opacity:.6}
.name{display:inline-block;min-width:44px;padding-block:12px;margin-block:-12px;font-weight:600;color:inherit;text-decoration:none;line-height:1.3;overflow-wrap:anywhere}
a.name:hover{text-decoration:underline}
.meta{font-size:13px;color:var(--_muted);margin-block-start:2px;overflow-wrap:anywhere}
.amount{font-weight:600;text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
.controls{grid-column:2/4;display:flex;align-items:center;justify-content:space-between;gap:8px;margin-block-start:6px}
.stepper{display:inline-flex;align-items:center;border:1.5px solid var(--_line);border-radius:var(--_radius)}
.stepper button{width:44px;height:44px;border:0;border-radius:inherit;background:transparent;font-size:18px;line-height:1}
.stepper button:hover{background:var(--_soft)}
.stepper [disabled],.stepper [aria-disabled=true]{opacity:.35;cursor:not-allowed;background:none}
.stepper input{width:2.75em;height:44px;border:0;background:transparent;text-align:center;font-variant-numeric:tabular-nums;-moz-appearance:textfield;appearance:textfield}
.stepper input::-webkit-inner-spin-button{-webkit-appearance:none}
.remove{min-width:44px;min-height:44px;padding:0 4px;border:0;background:none;font-size:14px;color:var(--_muted);text-decoration:underline;text-underline-offset:3px}
.remove:hover{color:var(--_text)}
.empty,.success{display:flex;flex-direction:column;align-items:center;text-align:center;padding:64px 16px}
.empty p,.success p{margin:0 0 4px;max-width:26em}
.empty .btn,.success .btn{margin-block-start:24px}
.mark{display:grid;place-items:center;width:88px;height:88px;margin-block-end:20px;border-radius:50%;background:var(--_soft);color:var(--_muted)}
.mark svg{width:40px;height:40px}
.success .mark{background:color-mix(in srgb,var(--_accent) 16%,var(--_bg));color:var(--_ink)}
.empty strong,.success h3{font-size:18px;font-weight:700;margin:0 0 6px}
.muted{color:var(--_muted)}
code{font:600 14px ui-monospace,monospace;overflow-wrap:anywhere}
.foot{border-block-start:1px solid var(--_line);padding:14px 22px 18px;background:var(--_bg);box-shadow:0 -8px 24px rgb(0 0 0/.05)}
dl{display:grid;grid-template-columns:1fr auto;gap:6px 0;margin:0 0 14px;font-size:15px}
dt{color:var(--_muted)}dd{margin:0;padding-inline-start:12px;text-align:end;font-variant-numeric:tabular-nums}
dt.total,dd.total{color:var(--_text);font-weight:700;font-size:18px;padding-block-start:8px;margin-block-start:2px;border-block-start:1px solid var(--_line)}
fieldset{border:0;margin:0 0 14px;padding:0;min-width:0}
legend{font-size:14px;font-weight:600;margin-block-end:2px;padding:0}
.method{display:flex;align-items:center;gap:10px;min-height:44px;padding:8px 12px;border:1.5px solid var(--_line);border-radius:var(--_radius);margin-block-start:6px;cursor:pointer;font-size:15px;line-height:1.3}
.method:has(input:checked){border-color:var(--_ink);background:color-mix(in srgb,var(--_accent) 6%,var(--_bg))}
.method input{flex:none;width:18px;height:18px;accent-color:var(--_accent);margin:0}
.method small{display:block;font-size:13px;color:var(--_muted)}
.method>span:last-child{margin-inline-start:auto;font-variant-numeric:tabular-nums;white-space:nowrap}
.checkout{min-height:56px}
.status{font-size:14px;padding:12px 14px;border-radius:var(--_radius);background:var(--_soft);margin:0 0 12px}
.status p{margin:0}
.status.error{background:color-mix(in srgb,#d92d20 12%,var(--_bg));border-inline-start:4px solid #d92d20}
.status .btn{margin-block-start:10px}
.back{margin:0 0 8px}
.skeleton{height:48px;border-radius:var(--_radius);background:linear-gradient(90deg,var(--_soft),var(--_line),var(--_soft));background-size:200% 100%;animation:shimmer 1.2s infinite linear}
@keyframes shimmer{to{background-position:-200% 0}}
::slotted([slot=checkout]){all:initial!important;display:block!important}
`;

const sheets = new Map<string, CSSStyleSheet | string>();

function sheetOf(css: string): CSSStyleSheet | string {
  let sheet = sheets.get(css);
  if (!sheet) {
    try {
      const constructed = new CSSStyleSheet();
      constructed.replaceSync(css);
      sheet = constructed;
    } catch {
      // Browsers before constructable stylesheets (Safari < 16.4): a <style> in the shadow root. Under a
      // strict CSP that one browser family loses the styling, never the function.
      sheet = css;
    }
    sheets.set(css, sheet);
  }
  return sheet;
}

/** Owner theme from the config (SPEC §2 `theme`), as custom properties on the host. */
function themeCss(config: Config): string {
  const { accent, radius, font } = config.theme;
  const props = [
    accent && `--dropcart-accent:${accent}`,
    radius && `--dropcart-radius:${radius}`,
    font && `--dropcart-font:${font}`,
  ].filter(Boolean);
  return props.length ? `:host{${props.join(';')}}` : '';
}

function adoptStyles(root: ShadowRoot, kind: 'buttons' | 'cart', config: Config): void {
  const list = [sheetOf(base), sheetOf(kind === 'cart' ? cart : buttons), sheetOf(themeCss(config))];
  if (list.every((s) => typeof s !== 'string')) {
    root.adoptedStyleSheets = list as CSSStyleSheet[];
  } else {
    for (const css of list) {
      const style = document.createElement('style');
      style.textContent = typeof css === 'string' ? css : '';
      root.append(style);
    }
  }
}

/** The element components render into: the last child of the host's open shadow root, created with the
 * styles on first use. (Not the shadow root itself, so a fallback <style> is never diffed away.) */
export function shadowMount(host: HTMLElement, kind: 'buttons' | 'cart', app: { config: Config }): Element {
  let root = host.shadowRoot;
  if (!root) {
    root = host.attachShadow({ mode: 'open' });
    // An explicit theme.mode applies to the buttons as to the cart; "auto" buttons follow the page (above).
    if (kind === 'buttons' && app.config.theme.mode !== 'auto') host.dataset.mode = app.config.theme.mode;
    adoptStyles(root, kind, app.config);
    const mount = document.createElement('div');
    mount.className = 'root';
    root.append(mount);
  }
  return root.lastElementChild as Element;
}
