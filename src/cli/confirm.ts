import { createInterface } from 'node:readline/promises';

/**
 * Asks on the terminal, like terraform: only "yes" goes ahead. Ctrl-C or the end of input (Ctrl-D) at the
 * question is a "no": the apply is cancelled quietly, nothing changed.
 */
export async function confirmOnTerminal(
  question: string,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
  /** Cancels the question (a SIGINT or SIGTERM from outside the terminal). */
  cancel?: AbortSignal,
): Promise<boolean> {
  const rl = createInterface({ input, output, terminal: (input as { isTTY?: boolean }).isTTY === true });
  const controller = new AbortController();
  const no = () => {
    output.write('\n');
    controller.abort();
  };
  rl.on('SIGINT', no);
  rl.on('close', () => controller.abort());
  if (cancel?.aborted) return false;
  cancel?.addEventListener('abort', no, { once: true });
  try {
    const answer = await rl.question(question, { signal: controller.signal });
    return answer.trim() === 'yes';
  } catch (e) {
    if (controller.signal.aborted) return false;
    throw e;
  } finally {
    cancel?.removeEventListener('abort', no);
    rl.close();
  }
}
