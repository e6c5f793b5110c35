import { readFileSync } from 'node:fs';

/** What the runner tells a step about where it runs (the GITHUB_* variables and the event payload). */
export interface RunContext {
  eventName: string;
  /** owner/name */
  repository: string;
  owner: string;
  repo: string;
  /** The commit the workflow checked out (on pull_request: the test merge commit). */
  sha: string;
  /** On pull_request: the head commit of the pull request, which reviewers see. */
  headSha?: string;
  pullRequest?: number;
  apiUrl: string;
  /** https://github.com, or the GitHub Enterprise Server. */
  serverUrl: string;
  runUrl: string;
  tempDir?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string } };
}

export function runContext(env: Env = process.env): RunContext {
  const repository = env.GITHUB_REPOSITORY ?? '';
  const [owner = '', repo = ''] = repository.split('/');
  const server = (env.GITHUB_SERVER_URL ?? 'https://github.com').replace(/\/+$/, '');
  const attempt =
    env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== '1' ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : '';
  const payload = readPayload(env.GITHUB_EVENT_PATH);
  const pr = payload.pull_request;
  return {
    eventName: env.GITHUB_EVENT_NAME ?? '',
    repository,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    headSha: pr?.head?.sha,
    pullRequest: typeof pr?.number === 'number' ? pr.number : undefined,
    apiUrl: (env.GITHUB_API_URL ?? 'https://api.github.com').replace(/\/+$/, ''),
    serverUrl: server,
    runUrl: `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID ?? ''}${attempt}`,
    tempDir: env.RUNNER_TEMP || undefined,
  };
}

function readPayload(file: string | undefined): EventPayload {
  if (!file) return {};
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return data && typeof data === 'object' ? (data as EventPayload) : {};
  } catch {
    return {};
  }
}
