/**
 * What the WHATWG readable, reader, pull-through and iterator counting calls as reads happen.
 * `stream()` feeds its `StreamStats`; `channel()` feeds the receiving side of a channel row.
 */
export interface ReadCounter {
  /** The readable has ended (closed, errored or cancelled): nothing more is marked. */
  readonly finished: boolean;
  /** Whether each item is logged as it comes (such counters get counting functions of their own). */
  readonly logsItems?: boolean;
  onPull(): void;
  onAnswer(): void;
  onItem(value: unknown): void;
  onClosed(): void;
  onErrored(): void;
  onCancelled(): void;
}
