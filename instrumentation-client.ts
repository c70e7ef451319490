// Runs in the browser before the app's own modules (Next's instrumentation-client).
//
// zod 4 compiles object schemas with `new Function` when it can, and probes
// whether it can by trying once. The Content-Security-Policy allows no eval in
// production (proxy.ts), so the probe is refused and reported as a CSP
// violation on every page that builds a schema. Parsing without the compiled
// fast path is the same validation, a little slower, and forms are small.
import { z } from 'zod';

z.config({ jitless: true });
