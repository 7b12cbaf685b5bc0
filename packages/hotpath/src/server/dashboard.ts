import { readFileSync } from 'node:fs';

/** One file of the web dashboard, read from `dist/dashboard` (built by `npm run build`). */
export interface DashboardAsset {
  readonly body: Buffer;
  readonly contentType: string;
}

/**
 * What the dashboard may do in a browser: run its own script and style sheet, and talk to this server
 * only. No inline script or style, no other origin, no frames, no forms: a label holding HTML or script
 * can never run, even if some rendering path forgot to treat it as text.
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The paths the dashboard is served at, and the file behind each. */
const FILES: Record<string, { file: string; contentType: string }> = {
  '/': { file: 'index.html', contentType: 'text/html; charset=utf-8' },
  '/dashboard/app.js': { file: 'app.js', contentType: 'text/javascript; charset=utf-8' },
  '/dashboard/app.css': { file: 'app.css', contentType: 'text/css; charset=utf-8' },
};

/** Read once, on the first request for each: a server nobody opens in a browser never reads them. */
const cache = new Map<string, DashboardAsset | null>();

/** Whether `path` is one of the dashboard's files (the page itself, its script, its style sheet). */
export function isDashboardPath(path: string): boolean {
  return Object.hasOwn(FILES, path);
}

/** The asset at `path`, or null when the dashboard was not built (a checkout without `npm run build`). */
export function dashboardAsset(path: string): DashboardAsset | null {
  const entry = FILES[path];
  if (entry === undefined) return null;
  let asset = cache.get(path);
  if (asset === undefined) {
    try {
      // `../../dist/dashboard` from both `dist/server` (the package) and `src/server` (tests run through tsx).
      const body = readFileSync(new URL(`../../dist/dashboard/${entry.file}`, import.meta.url));
      asset = { body, contentType: entry.contentType };
    } catch {
      asset = null;
    }
    cache.set(path, asset);
  }
  return asset;
}

/** A browser asks for a page (`Accept: text/html…`); `curl` and the JSON clients do not. */
export function wantsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html\s*(;|,|$)/i.test(accept);
}
