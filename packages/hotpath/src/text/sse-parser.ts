/**
 * A Server-Sent Events reader: feed it text as it arrives, get each complete event's name and data. Shared by
 * the console (over node:http) and the web dashboard (over fetch, which can send the token as a header).
 */
export class SseParser {
  private partial = '';
  private event = 'message';
  private data: string[] = [];

  constructor(private readonly onEvent: (event: string, data: string) => void) {}

  /** Lines end in `\n` (a `\r` before it is dropped); only the new chunk is scanned, so large events stay linear. */
  push(chunk: string): void {
    let start = 0;
    let newline = chunk.indexOf('\n');
    while (newline >= 0) {
      let line = this.partial + chunk.slice(start, newline);
      this.partial = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.line(line);
      start = newline + 1;
      newline = chunk.indexOf('\n', start);
    }
    this.partial += chunk.slice(start);
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.onEvent(this.event, this.data.join('\n'));
      this.event = 'message';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') this.event = value;
    else if (name === 'data') this.data.push(value);
  }
}
