import { readFileSync } from 'node:fs';
import * as core from '@actions/core';
import { registerSecret } from '../util/secrets.js';

const REF = /\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g;

/**
 * Masks the token and the value of every variable the config refers to as `${env:NAME}`: the runner
 * hides them in the log (`core.setSecret`) and rollcall's own `redact` removes them from every comment,
 * summary and output. Done before the config is loaded, so not even a loading error can show one.
 */
export function maskSecrets(token: string, configFile: string, env = process.env): void {
  mask(token);
  let text: string;
  try {
    text = readFileSync(configFile, 'utf8');
  } catch {
    return; // loading reports the missing file
  }
  for (const [, name] of text.matchAll(REF)) mask(env[name!] ?? '');
}

function mask(value: string): void {
  if (value === '') return;
  core.setSecret(value);
  registerSecret(value);
}
