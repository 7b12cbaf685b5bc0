/** `hotpath report FILE`: the exit report of a recording (its last frame) or of a JSON report. */

import { bySite, renderReport } from 'hotpath/recording';
import { escapeControl } from 'hotpath/text';
import type { ReportArgs } from '../args.js';
import { loadRecording } from './load.js';

export async function reportText(args: Omit<ReportArgs, 'command'>, color: boolean): Promise<string> {
  const recording = await loadRecording(args.path);
  const snapshot = recording.lastSnapshot();
  // JSON is the snapshot as the program's own JSON report has it; tables show one row per site.
  const text = renderReport(args.format === 'json' ? snapshot : bySite(snapshot), {
    format: args.format,
    sections: undefined,
    color,
  });
  if (args.format === 'json') return text;
  const notes = [
    ...(recording.complete
      ? []
      : [
          `the recording ends before the program did${recording.truncated ? ' (cut short mid-frame: killed?)' : ''}: this is its last frame, at ${(recording.frames.at(-1)!.atMs / 1000).toFixed(2)}s`,
        ]),
    ...recording.notes.map((note) => note.message),
  ];
  const prefix = args.format === 'markdown' ? '> ' : '[hotpath] ';
  const noteText = notes.map((note) => `${prefix}${escapeControl(note)}\n`).join('');
  return text === ''
    ? `${noteText}No monitored rows in ${escapeControl(args.path)}.\n`
    : `${text}${noteText === '' ? '' : `\n${noteText}`}`;
}
