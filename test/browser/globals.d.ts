// The page globals the browser tests read through page.evaluate(): dropcart's API, as an owner's page has it.
import type { DropCartApi } from '../../src/types';

declare global {
  interface Window {
    DropCart: DropCartApi;
  }
}
