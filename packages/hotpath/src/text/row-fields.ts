/**
 * Reading a row as a client received it, field by field: a row with fields added later, or a field that
 * became null, still reads (unknowns are null). Shared by the console and the web dashboard.
 */

export function field(row: object, name: string): unknown {
  return (row as Record<string, unknown>)[name];
}

export function numberField(row: object, name: string): number | null {
  const value = field(row, name);
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A nested number such as `delay.p95Ms`; null when any step is missing. */
export function nestedNumber(row: object, outer: string, inner: string): number | null {
  const value = field(row, outer);
  if (value === null || typeof value !== 'object') return null;
  const n = (value as Record<string, unknown>)[inner];
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

export function textField(row: object, name: string): string | null {
  const value = field(row, name);
  return typeof value === 'string' ? value : null;
}
