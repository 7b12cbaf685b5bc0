import { escapeControl } from 'hotpath/text';
import { Text } from 'ink';
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

export function HelpBar({
  state,
  replay = false,
  warnings = 0,
}: {
  state: UiState;
  replay?: boolean;
  warnings?: number;
}) {
  return (
    <Text dimColor wrap="truncate">
      {replay ? replayHelpText(state) : helpText(state, warnings)}
    </Text>
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
