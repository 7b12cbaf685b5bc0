import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAIN, requireBuild } from './demo.ts';

export const RECORD_SCENARIO = fileURLToPath(new URL('../scenarios/record-pipeline.ts', import.meta.url));

export interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A fresh directory for this test file's recordings. */
export function scratch(): string {
  return mkdtempSync(join(tmpdir(), 'hotpath-record-'));
}

/** The environment of a monitored scenario: no server, no colour, nothing inherited from the test run. */
export function scenarioEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const clean: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!key.startsWith('HOTPATH') && key !== 'FORCE_COLOR') clean[key] = value;
  return { ...clean, HOTPATH: '1', HOTPATH_METRICS_SERVER_OFF: '1', NO_COLOR: '1', ...env };
}

/** Runs the recording scenario to its end. */
export function runScenario(env: Record<string, string>): Promise<Finished> {
  return collect(spawn(process.execPath, ['--import', 'tsx', RECORD_SCENARIO], { env: scenarioEnv(env) }));
}

/** Runs the built `hotpath` command. */
export function hotpath(...args: string[]): Promise<Finished> {
  requireBuild();
  const env = scenarioEnv({});
  delete env.HOTPATH;
  return collect(spawn(process.execPath, [MAIN, ...args], { env }));
}

export function collect(child: import('node:child_process').ChildProcess): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
