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

export function HelpBar({ state, warnings = 0 }: { state: UiState; warnings?: number }) {
  return (
    <Text dimColor wrap="truncate">
      {helpText(state, warnings)}
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
