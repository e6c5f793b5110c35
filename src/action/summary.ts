import * as core from '@actions/core';
import { redact } from '../util/secrets.js';

/** GitHub keeps at most 1 MiB of job summary per step. */
export const SUMMARY_LIMIT = 1024 * 1024;
const MARGIN = 1024;

/**
 * Markdown that fits the job summary: `render(maxLength)` is asked for at most the limit in characters,
 * then for proportionally fewer while its UTF-8 encoding is still too large (emoji and arrows take
 * several bytes each).
 */
export function fitSummary(render: (maxLength: number) => string, limit = SUMMARY_LIMIT): string {
  const budget = limit - MARGIN;
  let maxLength = budget;
  for (;;) {
    const text = redact(render(maxLength));
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= budget || maxLength < 1000) return text;
    maxLength = Math.floor((maxLength * budget) / bytes) - 256;
  }
}

/** Appends to GITHUB_STEP_SUMMARY; outside GitHub Actions (no such file) it only logs that it cannot. */
export async function writeSummary(markdown: string): Promise<void> {
  if (!process.env.GITHUB_STEP_SUMMARY) {
    core.info('GITHUB_STEP_SUMMARY is not set: no job summary written');
    return;
  }
  await core.summary.addRaw(markdown, true).write();
}
