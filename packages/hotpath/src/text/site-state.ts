/** Live states first, in this order; finished ones follow, most common first. */
const LIVE_ORDER = ['full', 'active', 'pending'];

/**
 * A site's states in a few words: `⚠ 1 full · 2 active · 554 closed`. The report and the console both
 * print it, so it is written once.
 */
export function siteStateSummary(states: Record<string, number>): string {
  const entries = Object.entries(states).filter(([, n]) => typeof n === 'number' && n > 0);
  entries.sort(([a, m], [b, n]) => {
    const ai = LIVE_ORDER.indexOf(a);
    const bi = LIVE_ORDER.indexOf(b);
    if (ai >= 0 || bi >= 0) return (ai < 0 ? 99 : ai) - (bi < 0 ? 99 : bi);
    return n - m || (a < b ? -1 : 1);
  });
  return entries.map(([state, n]) => (state === 'full' ? `⚠ ${n} full` : `${n} ${state}`)).join(' · ');
}
