// Styles for dropcart's shadow roots, applied as constructable stylesheets (SPEC §1: no inline <style> or
// style attributes, so a strict CSP with no 'unsafe-inline' needs nothing from the owner).
//
// Every shadow host resets each inherited property (SPEC §6), so the host page's line-height,
// letter-spacing, text-transform, color, … cannot reach inside. `!important` because for normal
// declarations the page's rules on the host element beat :host rules; for important ones the shadow tree
// wins. Layout properties (display, margin, grid placement) are left to the owner, who may want to place
// the buttons in their own grid. --dropcart-* custom properties set on :root still theme the widget. The font follows the host page (SPEC §6) unless --dropcart-font is set: an unset
// custom property makes the declaration act as `unset`, which for font-family means inherit.

import type { Config } from '../config';

const base = `
:host{display:block;font-family:var(--dropcart-font)!important;font-size:16px!important;font-weight:400!important;
font-style:normal!important;font-variant:normal!important;font-stretch:normal!important;line-height:1.45!important;
letter-spacing:normal!important;word-spacing:normal!important;text-transform:none!important;text-align:start!important;
text-indent:0!important;text-shadow:none!important;white-space:normal!important;word-break:normal!important;
color:var(--_text)!important;visibility:inherit!important;cursor:auto!important;list-style:none!important;
-webkit-text-size-adjust:100%!important;
--_accent:var(--dropcart-accent,#1f5f4a);--_accent-text:var(--dropcart-accent-text,#fff);
--_bg:var(--dropcart-bg,#fff);--_text:var(--dropcart-text,#1c1d1f);--_muted:color-mix(in srgb,var(--_text) 70%,var(--_bg));
--_line:color-mix(in srgb,var(--_text) 16%,var(--_bg));--_soft:color-mix(in srgb,var(--_text) 6%,var(--_bg));
--_radius:var(--dropcart-radius,10px)}
:host([data-mode=dark]){--_bg:var(--dropcart-bg,#17181b);--_text:var(--dropcart-text,#eceef1);--_accent:var(--dropcart-accent,#6fcf9f);--_accent-text:var(--dropcart-accent-text,#0d1f17)}
@media (prefers-color-scheme:dark){:host([data-mode=auto]){--_bg:var(--dropcart-bg,#17181b);--_text:var(--dropcart-text,#eceef1);--_accent:var(--dropcart-accent,#6fcf9f);--_accent-text:var(--dropcart-accent-text,#0d1f17)}}
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
button,input,select{font:inherit;color:inherit;letter-spacing:inherit;text-transform:none;margin:0}
button{cursor:pointer}
:focus-visible{outline:3px solid var(--_accent);outline-offset:2px}
.btn{display:inline-flex;align-items:center;justify-content:center;gap:.4em;min-height:44px;min-width:44px;
padding:.55em 1.1em;border-radius:var(--_radius);border:1.5px solid var(--_accent);background:var(--_accent);
color:var(--_accent-text);font-weight:600;font-size:15px;line-height:1.2;text-decoration:none;
transition:filter .15s,transform .1s,background-color .15s}
.btn:hover{filter:brightness(1.08)}
.btn:active{transform:translateY(1px)}
.btn[disabled]{opacity:.55;cursor:not-allowed}
.btn.secondary{background:transparent;color:var(--_accent)}
.sr{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
@media (prefers-reduced-motion:reduce){*,*::before,*::after{transition:none!important;animation:none!important}}
`;

const buttons = `
:host{margin-block-start:.75em!important}
.row{display:flex;flex-wrap:wrap;gap:.5em;align-items:flex-end}
.opts{display:flex;flex-wrap:wrap;gap:.5em;margin-block-end:.6em}
label.opt{display:flex;flex-direction:column;gap:.2em;font-size:13px;font-weight:600;color:var(--_text)}
select{min-height:44px;padding:.4em 2em .4em .7em;border:1.5px solid var(--_line);border-radius:var(--_radius);
background:var(--_bg);color:var(--_text);font-size:15px;appearance:auto}
.added{font-size:14px;color:var(--_accent);font-weight:600;align-self:center}
`;

const cart = `
:host{display:contents!important}
.fab{position:fixed;inset-block-end:20px;inset-inline-end:20px;z-index:2147483000;display:flex;align-items:center;gap:.5em;
min-height:52px;padding:0 18px;border-radius:999px;border:0;background:var(--_accent);color:var(--_accent-text);
font-weight:700;font-size:15px;box-shadow:0 6px 24px rgb(0 0 0/.22);transition:transform .2s}
.fab:hover{transform:translateY(-2px)}
.fab svg{width:22px;height:22px}
.badge{min-width:1.6em;padding:0 .4em;border-radius:999px;background:var(--_accent-text);color:var(--_accent);font-size:13px;line-height:1.6em;text-align:center}
dialog{position:fixed;inset-block:0;inset-inline-start:auto;inset-inline-end:0;margin:0;width:min(440px,100vw);max-width:100vw;height:100%;max-height:100%;
padding:0;border:0;background:var(--_bg);color:var(--_text);box-shadow:0 0 48px rgb(0 0 0/.28);display:flex;flex-direction:column;
font:inherit;overflow:hidden}
dialog:not([open]){display:none}
dialog::backdrop{background:rgb(15 17 20/.45)}
dialog[open]{animation:slide .24s cubic-bezier(.2,.8,.2,1)}
:host(:dir(rtl)) dialog[open]{animation-name:slide-rtl}
@keyframes slide{from{transform:translateX(100%)}}
@keyframes slide-rtl{from{transform:translateX(-100%)}}
@media (max-width:480px){dialog{width:100vw}}
header{display:flex;align-items:center;justify-content:space-between;padding:14px 12px 14px 22px;border-block-end:1px solid var(--_line)}
h2{margin:0;font-size:20px;font-weight:700;line-height:1.2}
.icon{display:inline-flex;align-items:center;justify-content:center;width:44px;height:44px;border:0;border-radius:var(--_radius);background:transparent;color:inherit}
.icon:hover{background:var(--_soft)}
.icon svg{width:20px;height:20px}
.body{flex:1;overflow-y:auto;padding:8px 22px 16px;overscroll-behavior:contain}
.notice{margin:12px 0 0;padding:10px 12px;border-radius:var(--_radius);background:color-mix(in srgb,#e3a008 18%,var(--_bg));font-size:14px}
ul{list-style:none;margin:0;padding:0}
li.line{display:grid;grid-template-columns:64px 1fr auto;gap:4px 14px;padding:16px 0;border-block-end:1px solid var(--_line)}
.thumb{width:64px;height:64px;border-radius:calc(var(--_radius) - 2px);object-fit:cover;background:var(--_soft);grid-row:span 2}
.name{font-weight:600;color:inherit;text-decoration:none;line-height:1.3}
a.name:hover{text-decoration:underline}
.meta{font-size:13px;color:var(--_muted);margin-block-start:2px}
.amount{font-weight:600;text-align:end;white-space:nowrap}
.controls{grid-column:2/4;display:flex;align-items:center;justify-content:space-between;gap:8px}
.stepper{display:inline-flex;align-items:center;border:1.5px solid var(--_line);border-radius:var(--_radius)}
.stepper button{width:44px;height:40px;border:0;background:transparent;font-size:18px;line-height:1}
.stepper button:hover:not([disabled]){background:var(--_soft)}
.stepper button[disabled]{opacity:.35;cursor:not-allowed}
.stepper input{width:3em;height:40px;border:0;background:transparent;text-align:center;font-variant-numeric:tabular-nums;-moz-appearance:textfield;appearance:textfield}
.stepper input::-webkit-inner-spin-button{-webkit-appearance:none}
.remove{font-size:14px;color:var(--_muted);text-decoration:underline;border:0;background:none;min-height:44px;padding:0 4px}
.remove:hover{color:var(--_text)}
.empty{text-align:center;padding:56px 12px}
.empty svg{width:56px;height:56px;color:var(--_muted)}
.empty p{margin:.6em 0}
.muted{color:var(--_muted)}
footer{border-block-start:1px solid var(--_line);padding:14px 22px 18px;background:var(--_bg)}
dl{display:grid;grid-template-columns:1fr auto;gap:6px 0;margin:0 0 12px;font-size:15px}
dt{color:var(--_muted)}dd{margin:0;padding-inline-start:12px;text-align:end;font-variant-numeric:tabular-nums}
dt.total,dd.total{color:var(--_text);font-weight:700;font-size:18px;padding-block-start:6px;border-block-start:1px solid var(--_line)}
fieldset{border:0;margin:0 0 12px;padding:0}
legend{font-size:14px;font-weight:600;margin-block-end:4px;padding:0}
.method{display:flex;align-items:center;gap:10px;min-height:44px;padding:0 10px;border:1.5px solid var(--_line);border-radius:var(--_radius);margin-block-start:6px;cursor:pointer}
.method:has(input:checked){border-color:var(--_accent)}
.method input{width:18px;height:18px;accent-color:var(--_accent);margin:0}
.method span:last-child{margin-inline-start:auto;font-variant-numeric:tabular-nums}
.checkout{min-height:56px}
.status{font-size:14px;padding:10px 12px;border-radius:var(--_radius);background:var(--_soft);margin-block-end:10px}
.status.error{background:color-mix(in srgb,#d92d20 14%,var(--_bg))}
.skeleton{height:48px;border-radius:var(--_radius);background:linear-gradient(90deg,var(--_soft),var(--_line),var(--_soft));background-size:200% 100%;animation:shimmer 1.2s infinite linear}
@keyframes shimmer{to{background-position:-200% 0}}
.success{text-align:center;padding:40px 8px}
.success svg{width:64px;height:64px;color:var(--_accent)}
.success h3{font-size:20px;margin:.5em 0 .25em}
::slotted([slot=checkout]){display:block}
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
    adoptStyles(root, kind, app.config);
    root.append(document.createElement('div'));
  }
  return root.lastElementChild as Element;
}
