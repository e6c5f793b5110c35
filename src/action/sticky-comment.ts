import { type GitHub, httpStatus } from './github.js';

export interface CommentPlace {
  owner: string;
  repo: string;
  issue: number;
  /** The hidden first line of the comment (see commentMarker). */
  marker: string;
}

export type CommentOutcome =
  | { result: 'created' | 'updated'; url: string; id: number }
  | { result: 'skipped' }
  /** The token may not comment (a pull request from a fork gets a read-only token): not an error. */
  | { result: 'forbidden'; message: string };

interface IssueComment {
  id: number;
  html_url: string;
  body?: string;
  user: { login: string; type?: string } | null;
}

/**
 * One comment per marker, updated in place. It is found by its marker among the comments written by
 * the token's own login; a token that cannot read its login (an app installation token, such as the
 * workflow's GITHUB_TOKEN) matches comments written by a bot. With `createIfMissing` false (an empty
 * plan under `changes-only`) an existing comment is still updated, but none is created.
 */
export async function upsertComment(
  gh: GitHub,
  place: CommentPlace,
  body: string,
  createIfMissing: boolean,
): Promise<CommentOutcome> {
  try {
    const mine = await ownComment(gh, place, await selfLogin(gh));
    const repo = { owner: place.owner, repo: place.repo };
    if (mine) {
      const { data } = await gh.rest.issues.updateComment({ ...repo, comment_id: mine.id, body });
      return { result: 'updated', url: data.html_url, id: data.id };
    }
    if (!createIfMissing) return { result: 'skipped' };
    const { data } = await gh.rest.issues.createComment({ ...repo, issue_number: place.issue, body });
    return { result: 'created', url: data.html_url, id: data.id };
  } catch (e) {
    if (httpStatus(e) === 403) return { result: 'forbidden', message: (e as Error).message };
    throw e;
  }
}

/** The token's login, or undefined when GitHub will not say (installation tokens get 403 on /user). */
async function selfLogin(gh: GitHub): Promise<string | undefined> {
  try {
    return (await gh.rest.users.getAuthenticated()).data.login;
  } catch (e) {
    const status = httpStatus(e);
    if (status === 403 || status === 401 || status === 404) return undefined;
    throw e;
  }
}

async function ownComment(
  gh: GitHub,
  place: CommentPlace,
  login: string | undefined,
): Promise<IssueComment | undefined> {
  const pages = gh.paginate.iterator(gh.rest.issues.listComments, {
    owner: place.owner,
    repo: place.repo,
    issue_number: place.issue,
    per_page: 100,
  });
  for await (const page of pages) {
    for (const c of page.data as IssueComment[]) {
      const author = login === undefined ? c.user?.type === 'Bot' : c.user?.login === login;
      if (author && c.body?.startsWith(place.marker)) return c;
    }
  }
  return undefined;
}
