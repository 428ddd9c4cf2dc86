#!/usr/bin/env node
// `npx dropcart catalog <site…>` (SPEC §7). The command lives in dist/cli.mjs, built from src/server/cli.ts.
import { main } from '../dist/cli.mjs';

process.exitCode = await main(process.argv.slice(2));
