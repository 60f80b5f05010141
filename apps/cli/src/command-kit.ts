import type { Command } from 'commander';
import type { CliIo } from './io.js';

/** A help section listing example command lines. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

/**
 * Each command group (lora, glossary, trec-eval...) declares its commands in its own `register.ts`, so groups
 * can be added and changed without touching each other. A group's actions lazy-import their implementation.
 */
export type RegisterCommands = (program: Command, io: CliIo) => void;
