/**
 * The shape of a request path: the part of a URL that names a route rather than one resource. Ids in the
 * path (numbers, UUIDs, hex ids) fold to `:id` so that `/users/1` and `/users/2` share a row, and the
 * query string and fragment are dropped. Runs on every request: plain character scans, no regular
 * expressions, and a path without a digit (most routes) is its own shape at the cost of one scan.
 */

/** Longer paths are cut here: a row label is for reading, and a path can be as long as a client likes. */
const MAX_SHAPE_LENGTH = 120;

export function routeShape(url: string): string {
  let end = url.length;
  let digits = false;
  for (let i = 0; i < url.length; i++) {
    const c = url.charCodeAt(i);
    if (c === 63 /* ? */ || c === 35 /* # */) {
      end = i;
      break;
    }
    if (c >= 48 && c <= 57) digits = true;
  }
  if (end === 0 || (end === 1 && url.charCodeAt(0) === 47)) return '/';
  const path = end === url.length ? url : url.slice(0, end);
  const shape = digits ? foldIds(path) : path;
  return shape.length > MAX_SHAPE_LENGTH ? `${shape.slice(0, MAX_SHAPE_LENGTH)}…` : shape;
}

function foldIds(path: string): string {
  let shape = '';
  let start = 0;
  while (start <= path.length) {
    let stop = path.indexOf('/', start);
    if (stop === -1) stop = path.length;
    if (start > 0) shape += '/';
    shape += isId(path, start, stop) ? ':id' : path.slice(start, stop);
    start = stop + 1;
  }
  return shape;
}

/** A number, a UUID, or 8+ hex digits with a decimal digit among them: `path[start, stop)`. */
function isId(path: string, start: number, stop: number): boolean {
  const length = stop - start;
  if (length === 0) return false;
  let decimal = 0;
  let dashes = 0;
  for (let i = start; i < stop; i++) {
    const c = path.charCodeAt(i);
    if (c >= 48 && c <= 57) decimal++;
    else if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) continue;
    else if (
      c === 45 /* - */ &&
      (i - start === 8 || i - start === 13 || i - start === 18 || i - start === 23)
    )
      dashes++;
    else return false;
  }
  if (decimal === length) return true;
  if (dashes === 4) return length === 36;
  return dashes === 0 && decimal > 0 && length >= 8;
}
