/** ANSI styles, written by hand (no dependency). With `enabled` false the text is returned untouched. */
const CODES = {
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  red: ['\u001b[31m', '\u001b[39m'],
  green: ['\u001b[32m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
} as const;

export type Style = keyof typeof CODES;

export type Painter = (style: Style, text: string) => string;

export function painter(enabled: boolean): Painter {
  if (!enabled) return (_style, text) => text;
  return (style, text) => (text === '' ? text : CODES[style][0] + text + CODES[style][1]);
}
