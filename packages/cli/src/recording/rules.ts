/** `--fail-on p95+20%,calls-10%`: which change of which metric counts as a regression. */

export const METRICS = ['calls', 'rate', 'errors', 'p50', 'p95', 'p99', 'max'] as const;
export type Metric = (typeof METRICS)[number];

export interface Rule {
  metric: Metric;
  /** `+`: a rise past `percent` trips the rule; `-`: a fall past it. */
  direction: '+' | '-';
  percent: number;
  /** As written, for messages. */
  text: string;
}

/** Marks shown when no `--fail-on` is given: slower tails and less throughput. */
export const DEFAULT_RULES = 'p95+20%,rate-20%';

export class RuleError extends Error {}

export function parseRules(text: string): Rule[] {
  const rules = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^([a-z0-9]+)\s*([+-])\s*(\d+(?:\.\d+)?)\s*%$/.exec(part);
      if (match === null || !(METRICS as readonly string[]).includes(match[1]!))
        throw new RuleError(
          `--fail-on: "${part}" is not a rule like p95+20% or calls-10% (metrics: ${METRICS.join(', ')})`,
        );
      return {
        metric: match[1] as Metric,
        direction: match[2] as '+' | '-',
        percent: Number(match[3]),
        text: part,
      };
    });
  if (rules.length === 0) throw new RuleError('--fail-on needs at least one rule, like p95+20%');
  return rules;
}

/** The change from `base` to `head` in percent; a rise from zero is infinite, no change from zero is 0. */
export function percentChange(base: number, head: number): number {
  if (base === 0) return head === 0 ? 0 : head > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  return ((head - base) / Math.abs(base)) * 100;
}

/** Whether the change from `base` to `head` trips `rule`. */
export function trips(rule: Rule, base: number, head: number): boolean {
  const change = percentChange(base, head);
  return rule.direction === '+' ? change > rule.percent : change < -rule.percent;
}
