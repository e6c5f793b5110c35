import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../helpers/cli.js';

export const DIST = path.join(ROOT, 'dist/index.js');
const PAYLOAD = path.join(ROOT, 'test/action/fixtures/pull_request.synchronize.json');

export interface ActionRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface RunOptions {
  /** Working directory (GITHUB_WORKSPACE); a fresh run file set is written to `dir/.gh-<n>/`. */
  dir: string;
  /** INPUT_* values, by input name as action.yml spells it. */
  inputs: Record<string, string>;
  event: 'pull_request' | 'push' | 'schedule' | 'workflow_dispatch';
  /** pull_request: the pull request number written into the payload. */
  pr?: number;
  apiUrl?: string;
  env?: Record<string, string>;
  /** Changes the event payload before it is written (a fork's pull request, another default branch). */
  payload?: (payload: Record<string, unknown>) => void;
}

let runs = 0;

/**
 * Runs the committed bundle as the runner does: `node dist/index.js` with INPUT_* variables, the event
 * payload file, and the files for outputs and the job summary. Asynchronous, so that a server in this
 * process can answer the child.
 */
export async function runAction(o: RunOptions): Promise<ActionRun> {
  const files = path.join(o.dir, `.gh-${++runs}`);
  const output = path.join(files, 'output');
  const summary = path.join(files, 'summary.md');
  const event = path.join(files, 'event.json');
  const payload = JSON.parse(readFileSync(PAYLOAD, 'utf8'));
  if (o.event === 'pull_request') {
    payload.number = o.pr ?? 7;
    payload.pull_request.number = o.pr ?? 7;
  }
  // Other events: the payload's repository (with its default branch), as GitHub sends it.
  const sent = o.event === 'pull_request' ? payload : { repository: payload.repository };
  o.payload?.(sent);
  writeFiles({
    [output]: '',
    [summary]: '',
    [event]: JSON.stringify(sent),
  });
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: o.event,
    GITHUB_EVENT_PATH: event,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_API_URL: o.apiUrl ?? 'http://127.0.0.1:9',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_REPOSITORY: 'acme/people',
    GITHUB_SHA: 'c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00',
    GITHUB_REF: o.event === 'pull_request' ? `refs/pull/${o.pr ?? 7}/merge` : 'refs/heads/main',
    GITHUB_RUN_ID: '987654321',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_WORKSPACE: o.dir,
    RUNNER_TEMP: files,
    ...o.env,
  };
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(process.execPath, [DIST], { cwd: o.dir, env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error.code as number | undefined) ?? -1) : 0, stdout, stderr }),
      );
    },
  );
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(output, 'utf8')),
    summary: readFileSync(summary, 'utf8'),
  };
}

function writeFiles(files: Record<string, string>): void {
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}

/** GITHUB_OUTPUT as @actions/core writes it: `name<<delimiter`, the value, the delimiter. */
export function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}
