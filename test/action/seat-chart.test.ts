import { cpSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seatCharts } from '../../src/action/seat-chart.js';
import type { Plan } from '../../src/model/plan.js';
import { ROOT } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';
import { runAction } from './run-action.js';

describe('seat usage chart in the job summary', () => {
  it('shows before, after and total per role of the quickstart as a mermaid xychart', async () => {
    const dir = tmpDir();
    cpSync(path.join(ROOT, 'examples/quickstart'), dir, { recursive: true });
    const r = await runAction({ dir, event: 'push', inputs: { command: 'plan', comment: 'off' } });
    expect(r.code).toBe(0);
    const chart = /```mermaid\n([\s\S]*?)```/.exec(r.summary)?.[1];
    expect(chart).toBe(
      [
        'xychart-beta',
        '    title "acme-3dx: seats used, before and after"',
        '    x-axis ["CSV", "IFW", "RAP-ACME0001", "XEN"]',
        '    y-axis "seats" 0 --> 20',
        '    bar [11, 2, 0, 3]',
        '    bar [13, 3, 2, 6]',
        '    line [20, 3, 2, 8]',
        '',
      ].join('\n'),
    );
    // Beside the table, which keeps the numbers.
    expect(r.summary.indexOf('| CSV |')).toBeLessThan(r.summary.indexOf('```mermaid'));
  });

  it('keeps names from files from breaking out of the chart or the code block', () => {
    const plan = {
      targets: [{ name: 'a"b', seats: [{ role: 'x"`\n%%```y', total: 1, before: 0, after: 1 }] }],
    } as unknown as Plan;
    const md = seatCharts(plan);
    expect(md).toContain('title "a b: seats used');
    expect(md).toContain('x-axis ["x y"]');
    expect(md.match(/```/g)).toHaveLength(2);
    expect(seatCharts({ targets: [{ name: 't', seats: [] }] } as unknown as Plan)).toBe('');
  });
});
