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
  /** The branch the workflow runs on (from GITHUB_REF `refs/heads/…`); undefined for a tag or no ref. */
  branch?: string;
  /** The repository's default branch, as the event payload says. */
  defaultBranch?: string;
  /** On pull_request: whether its head is in another repository (a fork), which gets no secrets. */
  fromFork: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

interface EventPayload {
  pull_request?: { number?: number; head?: { sha?: string; repo?: { full_name?: string; fork?: boolean } } };
  repository?: { full_name?: string; default_branch?: string };
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
    branch: env.GITHUB_REF?.startsWith('refs/heads/')
      ? env.GITHUB_REF.slice('refs/heads/'.length)
      : undefined,
    defaultBranch: payload.repository?.default_branch || undefined,
    fromFork:
      pr?.head?.repo !== undefined &&
      (pr.head.repo.fork === true ||
        (pr.head.repo.full_name !== undefined && pr.head.repo.full_name !== repository)),
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
