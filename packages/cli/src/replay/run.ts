/** `hotpath console --replay FILE`: the console on a recording. */
import { RecordingError } from 'hotpath/recording';
import { escapeControl } from 'hotpath/text';
import { requireTerminal, runConsoleOn } from '../console/run.js';
import { loadRecording } from '../recording/load.js';
import { ReplaySource } from './source.js';

export async function runReplay(options: { path: string; speed: number }): Promise<number> {
  let recording: Awaited<ReturnType<typeof loadRecording>>;
  try {
    recording = await loadRecording(options.path);
  } catch (error) {
    if (!(error instanceof RecordingError)) throw error;
    process.stderr.write(`hotpath: ${error.message}\n`);
    return 2;
  }
  requireTerminal(`for scripts, print the report: hotpath report ${escapeControl(options.path)}`);
  const source = new ReplaySource(recording, options.path, { speed: options.speed });
  const pid = recording.header?.pid ?? recording.lastSnapshot().pid;
  await runConsoleOn(source.start(), { title: `hotpath replay · pid ${pid}`, replay: source });
  return 0;
}
