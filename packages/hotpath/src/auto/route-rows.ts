import type { FutureSite } from '../registry/future-site.js';
import { futureRegistry } from '../registry/futures.js';
import type { FutureKind } from '../types.js';

/**
 * Distinct rows one kind of HTTP instrumentation makes before the rest share one `(other routes)` row:
 * a server hit with any number of distinct URLs keeps a bounded number of rows, and totals stay exact.
 */
export const MAX_ROUTE_ROWS = 500;

/** The rows of one kind (`http-server` or `http-client`), found by label. */
export class RouteRows {
  private readonly rows = new Map<string, FutureSite>();
  private overflow: FutureSite | null = null;

  constructor(
    private readonly kind: Exclude<FutureKind, 'future'>,
    private readonly limit = MAX_ROUTE_ROWS,
  ) {}

  row(label: string): FutureSite {
    let row = this.rows.get(label);
    if (row !== undefined) return row;
    if (this.rows.size >= this.limit) {
      this.overflow ??= futureRegistry.namedSite('(other routes)', this.kind);
      return this.overflow;
    }
    row = futureRegistry.namedSite(label, this.kind);
    this.rows.set(label, row);
    return row;
  }
}
