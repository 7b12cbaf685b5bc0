/**
 * The Warnings tab (the console's `w`): every lint the program raises now, one per line, with the row it
 * names; a click on the row shows it in its tab.
 */
import { type LintLine, tabOfLint } from '../../src/text/lint-rows.js';
import type { RowTab } from './rows.js';

export function WarningsPanel({
  lints,
  onShow,
}: {
  lints: readonly LintLine[];
  onShow(tab: RowTab, rowId: number): void;
}) {
  if (lints.length === 0)
    return <p class="empty">Nothing to warn about: no lint is raised (docs/lints.md lists them).</p>;
  return (
    <div class="table-scroll">
      <table class="rows lints" data-lint-count={lints.length}>
        <colgroup>
          <col style={{ width: '20ch' }} />
          <col style={{ width: '24ch' }} />
          <col style={{ width: '10ch' }} />
          <col />
        </colgroup>
        <thead>
          <tr>
            <th class="left">Lint</th>
            <th class="left">Row</th>
            <th class="right">Since</th>
            <th class="left">What it means</th>
          </tr>
        </thead>
        <tbody>
          {lints.map((lint, i) => {
            // The list is redrawn whole with each snapshot: its position is key enough.
            const tab = tabOfLint(lint);
            return (
              <tr key={i} data-lint={lint.lint}>
                <td class="left warning">⚠ {lint.lint}</td>
                <td class="left">
                  {tab === undefined ? (
                    lint.label || lint.kind
                  ) : (
                    <button type="button" class="link" onClick={() => onShow(tab, lint.rowId)}>
                      {lint.label}
                    </button>
                  )}
                </td>
                <td class="right">{lint.since === null ? '' : `${(lint.since / 1000).toFixed(1)}s`}</td>
                <td class="left message">{lint.message}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
