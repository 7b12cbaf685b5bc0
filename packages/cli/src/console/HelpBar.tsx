import { displayWidth, escapeControl } from 'hotpath/text';
import { Box, Text } from 'ink';
import type { UiState } from './state.js';

/** The keys that do something right now. */
export function helpText(state: UiState, warnings = 0): string {
  if (state.editingFilter) return ' type to filter · Enter keep · Esc clear · Backspace delete';
  const common = 'p pause · q quit';
  if (state.warnings) return ` w/Esc close warnings · 1-6 tabs · ${common}`;
  if (state.runtime) return ` 1-3, 5-6 rows · Tab next · ${common}`;
  if (state.inspect) return ` ↑↓/jk previous/next · i/o/h/Esc close · ${common}`;
  if (state.panel && state.focus === 'panel')
    return ` ↑↓/jk move · i inspect · ←/h table · o close · 1-6 tabs · ${common}`;
  const logs = state.tab === 'futures' ? 'calls' : 'logs';
  const sites =
    state.drill !== null
      ? '←/Esc sites · '
      : state.tab !== 'channels' && state.tab !== 'streams'
        ? ''
        : 'Enter/→ instances · ';
  const lints = warnings > 0 ? `w ${warnings} warning${warnings === 1 ? '' : 's'} · ` : '';
  return ` ${lints}↑↓/jk PgUp/PgDn Home/End move · ${sites}1-6 tabs · s/S sort · / filter · f live only · o ${logs} · ${common}`;
}

/** The keys of a replay, then the console's own. */
export function replayHelpText(state: UiState): string {
  if (state.editingFilter || state.inspect || state.runtime) return helpText(state);
  const logs = state.tab === 'futures' ? 'calls' : 'logs';
  return ` space play/pause · ←/→ step · [ ] speed · g go to · ↑↓/jk move · 1-6 tabs · s/S sort · / filter · o ${logs} · q quit`;
}

/** Columns the keys keep, at least, beside the dashboard's address. */
const HELP_MIN_WIDTH = 30;

/**
 * ` dashboard http://127.0.0.1:6770/ ` at the right of the help line, escaped; empty when there is no
 * dashboard (a replay) or the terminal is too narrow for it and the keys (a cut address would be useless:
 * the startup line names it, and `hotpath console` prints it again on exit).
 */
export function dashboardHint(url: string | undefined, width: number): string {
  if (url === undefined || url === '') return '';
  const hint = ` dashboard ${escapeControl(url)} `;
  return displayWidth(hint) + HELP_MIN_WIDTH <= width ? hint : '';
}

export function HelpBar({
  state,
  replay = false,
  warnings = 0,
  dashboardUrl,
  width,
}: {
  state: UiState;
  replay?: boolean;
  warnings?: number;
  /** The web dashboard of the program watched (none for a replay). */
  dashboardUrl?: string;
  width: number;
}) {
  const hint = dashboardHint(dashboardUrl, width);
  return (
    <Box width={width}>
      <Box flexGrow={1} flexShrink={1}>
        <Text dimColor wrap="truncate">
          {replay ? replayHelpText(state) : helpText(state, warnings)}
        </Text>
      </Box>
      {hint === '' ? null : (
        <Box flexShrink={0}>
          <Text color="cyan">{hint}</Text>
        </Box>
      )}
    </Box>
  );
}

/** The time being typed after `g` in a replay. */
export function GotoLine({ text }: { text: string }) {
  return (
    <Text wrap="truncate">
      <Text color="cyan" bold>
        {' go to '}
      </Text>
      {escapeControl(text)}
      <Text inverse> </Text>
      <Text dimColor>{'  seconds (12.5) or m:ss · Enter go · Esc cancel'}</Text>
    </Text>
  );
}

/** The filter being typed, with a cursor. */
export function FilterLine({ text }: { text: string }) {
  return (
    <Text wrap="truncate">
      <Text color="cyan" bold>
        {' /'}
      </Text>
      {escapeControl(text)}
      <Text inverse> </Text>
      <Text dimColor>{'  Enter keep · Esc clear'}</Text>
    </Text>
  );
}
