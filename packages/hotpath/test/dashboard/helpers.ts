import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { scenarios } from '../helpers/run-script.ts';
import { waitFor } from '../helpers/wait.ts';

export { waitFor };

/** Debian's `chromium` package; `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.HOTPATH_TEST_CHROMIUM ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM))
    throw new Error(`no Chromium at ${CHROMIUM}: apt-get install -y chromium (.ci/run does this)`);
  // Root in CI: Chromium's sandbox needs user namespaces that containers rarely give.
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
}

/** The steerable scenario: monitored, server on a free port, no report at exit. */
export class ControlledProgram {
  private stdout = '';
  private acknowledged = 0;

  private constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      this.stdout += chunk;
      this.acknowledged = this.stdout.split('\n').filter((line) => line === 'ok').length;
    });
  }

  static async start(env: Record<string, string> = {}): Promise<{ program: ControlledProgram; url: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', scenarios('dashboard-controlled.ts')], {
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, HOTPATH: '1', HOTPATH_METRICS_PORT: '0', HOTPATH_REPORT: 'off', ...env },
    });
    const program = new ControlledProgram(child);
    const url = await waitFor(
      'the scenario to announce its server',
      () => /^url (\S+)/m.exec(program.stdout)?.[1],
      30_000,
    );
    return { program, url };
  }

  /** Sends one command and waits until the program has carried it out. */
  async command(line: string): Promise<void> {
    const expected = this.acknowledged + 1;
    this.child.stdin!.write(`${line}\n`);
    await waitFor(`the scenario to carry out "${line}"`, () => this.acknowledged >= expected, 15_000);
  }

  stop(): void {
    this.child.kill('SIGKILL');
  }
}
