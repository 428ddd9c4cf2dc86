// The size quoted in the README is the size of the committed build (STYLE.md: "README sizes kept in sync by
// a test"). The 16 KB budget itself is guarded by the performance issue's size check.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const gzipKb = (path: string): string => (gzipSync(readFileSync(path), { level: 9 }).length / 1024).toFixed(1);

describe('size', () => {
  it('quotes the gzip size of dist/dropcart.js in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    const quoted = /<!-- size:js -->([\d.]+) KB<!-- \/size -->/.exec(readme);
    expect(quoted, 'README.md needs <!-- size:js -->N KB<!-- /size -->').not.toBeNull();
    expect(quoted![1]).toBe(gzipKb('dist/dropcart.js'));
  });
});
