import { z } from 'zod';

// Zod compiles object parsers with `new Function` when it may; the Content-Security-Policy
// (svelte.config.js) forbids eval, and Chromium reports even zod's caught probe for it as a
// violation. In the browser zod parses without it (the server keeps the compiled fast path).
// This module loads before any page's code, so before any schema is built.
z.config({ jitless: true });
