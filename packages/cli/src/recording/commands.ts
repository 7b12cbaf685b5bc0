/** `hotpath report` and `hotpath compare`: read files, print to stdout, and say what the exit status means. */
import { RecordingError } from 'hotpath/recording';
import type { CompareArgs, ReportArgs } from '../args.js';
import { compareSnapshots, renderComparison } from './compare.js';
import { loadRecording } from './load.js';
import { reportText } from './report.js';
import { DEFAULT_RULES, parseRules, RuleError } from './rules.js';

/** A file that cannot be read, or a rule that cannot be parsed: status 2, as for usage errors. */
const CANNOT = 2;
/** `--fail-on` tripped. */
const REGRESSED = 1;

function color(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

export async function runReport(args: ReportArgs): Promise<number> {
  try {
    process.stdout.write(await reportText(args, color()));
    return 0;
  } catch (error) {
    return failed(error);
  }
}

export async function runCompare(args: CompareArgs): Promise<number> {
  try {
    const rules = parseRules(args.failOn ?? DEFAULT_RULES);
    const [base, head] = await Promise.all([loadRecording(args.base), loadRecording(args.head)]);
    const comparison = compareSnapshots(base.lastSnapshot(), head.lastSnapshot(), rules);
    process.stdout.write(
      renderComparison(comparison, {
        markdown: args.format === 'markdown',
        color: color(),
        rules,
        baseName: args.base,
        headName: args.head,
      }),
    );
    // Marks alone never fail a build: only rules asked for with --fail-on do.
    return args.failOn !== null && comparison.regressions.length > 0 ? REGRESSED : 0;
  } catch (error) {
    return failed(error);
  }
}

function failed(error: unknown): number {
  if (!(error instanceof RecordingError) && !(error instanceof RuleError)) throw error;
  process.stderr.write(`hotpath: ${error.message}\n`);
  return CANNOT;
}
