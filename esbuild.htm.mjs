// The esbuild plugin that compiles the cart's htm templates when building (see precompileHtm). A file of its own
// so that test/unit/htm-precompile.test.ts can check the compiler without running a build.
import { transform } from 'esbuild';
import { parse } from 'acorn';
import htm from 'htm';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';

// The cart's htm templates (src/ui/cart.ts) are compiled to preact h() calls when building, by htm's own parser,
// as babel-plugin-htm does: the widget then ships without htm's runtime and parses no template in the shopper's
// browser (−0.8 KB gzip; the cart's first render is cheaper). Unit tests import cart.ts as written, with htm at
// run time, so both paths are exercised; `html` (src/ui/html.ts) is marked pure, so unused it is dropped.
// What a template holds between ${…} is compiled the same way, so templates nested in templates are too.
export const precompileHtm = {
  name: 'precompile-htm',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]ui[\\/]cart\.ts$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { loader: 'ts', format: 'esm' });
      return { contents: `import { h as h$ } from 'preact';\n${compileHtm(code, args.path)}`, loader: 'js', resolveDir: dirname(args.path) };
    });
  },
};

/** `code` with every html`…` replaced by the h$() calls htm would make of it. */
export function compileHtm(code, file = 'code') {
  const templates = [];
  (function walk(node) {
    if (node.type === 'TaggedTemplateExpression' && node.tag.type === 'Identifier' && node.tag.name === 'html') templates.push(node);
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) if (child && typeof child.type === 'string') walk(child);
    }
  })(parse(code, { ecmaVersion: 'latest', sourceType: 'module' }));
  templates.sort((a, b) => a.start - b.start);
  // The source from start to end, each outermost template in it compiled (nested ones are inside its fields).
  const rewrite = (start, end) => {
    let out = '';
    let at = start;
    for (const template of templates) {
      if (template.start < at || template.end > end) continue;
      out += code.slice(at, template.start) + compile(template);
      at = template.end;
    }
    return out + code.slice(at, end);
  };
  const compile = (template) => {
    const fields = template.quasi.expressions.map((field) => `(${rewrite(field.start, field.end)})`);
    const strings = template.quasi.quasis.map((quasi) => quasi.value.cooked);
    // htm sees each field as a marker string, which survives its concatenations (class="a ${b}")
    const node = (type, props, ...children) => ({ type, props, children });
    const value = (v) => {
      if (v && typeof v === 'object') return element(v);
      if (typeof v !== 'string') return JSON.stringify(v);
      const parts = v.split(/\u0001(\d+)\u0002/);
      if (parts.length === 1) return JSON.stringify(v);
      if (parts.length === 3 && !parts[0] && !parts[2]) return fields[parts[1]];
      return parts.map((part, i) => (i % 2 ? `String(${fields[part]})` : JSON.stringify(part))).filter((part) => part !== '""').join('+');
    };
    const element = ({ type, props, children }) => {
      if (props && '0' in props) throw new Error(`${file}: htm spread props (...\${}) are not supported by precompileHtm`);
      const attrs = props ? `{${Object.entries(props).map(([name, v]) => `${JSON.stringify(name)}:${value(v)}`).join(',')}}` : 'null';
      return `h$(${value(type)},${[attrs, ...children.map(value)].join(',')})`;
    };
    const result = htm.bind(node)(Object.assign(strings, { raw: strings }), ...fields.map((_, i) => `\u0001${i}\u0002`));
    return Array.isArray(result) ? `[${result.map(value).join(',')}]` : value(result);
  };
  return rewrite(0, code.length);
}
