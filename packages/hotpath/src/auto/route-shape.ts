/**
 * The shape of a request path: the part of a URL that names a route rather than one resource. Ids in the
 * path (numbers, UUIDs, hex ids) fold to `:id` so that `/users/1` and `/users/2` share a row, and the
 * query string and fragment are dropped.
 */

/** Longer paths are cut here: a row label is for reading, and a path can be as long as a client likes. */
const MAX_SHAPE_LENGTH = 120;
const NUMBER = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Hex ids (object ids, hashes): 8 or more hex digits with at least one decimal digit among them. */
const HEX_ID = /^(?=[^/]*\d)[0-9a-f]{8,}$/i;

export function routeShape(url: string): string {
  let end = url.length;
  const query = url.indexOf('?');
  if (query !== -1) end = query;
  const hash = url.indexOf('#');
  if (hash !== -1 && hash < end) end = hash;
  const path = end === url.length ? url : url.slice(0, end);
  if (path === '' || path === '/') return '/';
  const segments = path.split('/');
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment === '') continue;
    if (NUMBER.test(segment) || UUID.test(segment) || HEX_ID.test(segment)) segments[i] = ':id';
  }
  const shape = segments.join('/');
  return shape.length > MAX_SHAPE_LENGTH ? `${shape.slice(0, MAX_SHAPE_LENGTH)}…` : shape;
}
