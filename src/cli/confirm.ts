import { createInterface } from 'node:readline/promises';

/** Asks on the terminal, like terraform: only "yes" goes ahead. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(question);
    return answer.trim() === 'yes';
  } finally {
    rl.close();
  }
}
