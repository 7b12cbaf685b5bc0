/**
 * The `HOTPATH_METRICS_TOKEN` the user typed, kept in this tab's session storage: it survives a reload,
 * is gone with the tab, and never appears in the URL (where history, logs and Referer headers keep it).
 */
const KEY = 'hotpath.token';

export function readToken(): string | null {
  try {
    const token = sessionStorage.getItem(KEY);
    return token === null || token === '' ? null : token;
  } catch {
    // Storage can be switched off; the user is then asked again on each load.
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token === null) sessionStorage.removeItem(KEY);
    else sessionStorage.setItem(KEY, token);
  } catch {
    // As above: without storage the token lives only as long as the page.
  }
}

/** The headers of every request to the server: the token as a bearer token when there is one. */
export function authHeaders(token: string | null): Record<string, string> {
  return token === null ? {} : { Authorization: `Bearer ${token}` };
}
