// Where the CMS crosswalk file is uploaded and how large it may be. Its own
// module (no parser) so proxy.ts can read the limit without bundling csv-parse.

/**
 * The route handler that takes the crosswalk upload (app/api/admin/formulary/crosswalk/route.ts).
 * A route, not a server action: server actions share one body limit for the
 * whole app (256 KB, next.config.js), and CMS's file is several MB.
 */
export const CROSSWALK_UPLOAD_PATH = '/api/admin/formulary/crosswalk';

/**
 * Largest crosswalk upload accepted, in bytes (8 MB). CMS's quarterly ASP
 * NDC–HCPCS file is a few MB; 8 MB leaves room and stays under the 10 MB Next
 * buffers for a request that passes through proxy.ts (`proxyClientMaxBodySize`
 * default), so a larger body is refused with a 413 rather than cut short.
 */
export const CROSSWALK_UPLOAD_LIMIT_BYTES = 8 * 1024 * 1024;
