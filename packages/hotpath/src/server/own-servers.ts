/** hotpath's own metrics servers, so that HTTP instrumentation never counts the console's requests. */
const own = new WeakSet<object>();

export function markHotpathServer(server: object): void {
  own.add(server);
}

export function isHotpathServer(server: unknown): boolean {
  return typeof server === 'object' && server !== null && own.has(server);
}
