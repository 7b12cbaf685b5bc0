import { readFile } from 'node:fs/promises';
import { type Recording, RecordingError, readRecording } from 'hotpath/recording';
import { escapeControl } from 'hotpath/text';

/** Reads a recording or JSON report; every failure is a `RecordingError` naming the file and the reason. */
export async function loadRecording(path: string): Promise<Recording> {
  const name = escapeControl(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new RecordingError(
      code === 'ENOENT' ? `${name}: no such file` : `${name}: cannot be read (${code ?? String(error)})`,
    );
  }
  return readRecording(bytes, name);
}
