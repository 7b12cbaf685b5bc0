import type { FutureSite } from '../registry/future-site.js';
import { futureRegistry } from '../registry/futures.js';
import type { FutureKind } from '../types.js';

/**
 * Distinct rows one kind of HTTP instrumentation makes before the rest share one `(other routes)` row:
 * a server hit with any number of distinct URLs keeps a bounded number of rows, and totals stay exact.
 */
export const MAX_ROUTE_ROWS = 500;

/** The rows of one kind (`http-server` or `http-client`), found by method and route (no label is built per call). */
export class RouteRows {
  private readonly byMethod = new Map<string, Map<string, FutureSite>>();
  private count = 0;
  private overflow: FutureSite | null = null;

  constructor(
    private readonly kind: Exclude<FutureKind, 'future'>,
    private readonly limit = MAX_ROUTE_ROWS,
  ) {}

  row(method: string, route: string): FutureSite {
    let routes = this.byMethod.get(method);
    const row = routes?.get(route);
    if (row !== undefined) return row;
    if (this.count >= this.limit) {
      this.overflow ??= futureRegistry.namedSite('(other routes)', this.kind);
      return this.overflow;
    }
    if (routes === undefined) {
      routes = new Map();
      this.byMethod.set(method, routes);
    }
    const made = futureRegistry.namedSite(`${method} ${route}`, this.kind);
    routes.set(route, made);
    this.count++;
    return made;
  }
}
