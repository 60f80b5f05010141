import { createColors } from 'picocolors';
import type { CliIo, OutputStream } from '../io.js';
import { colorEnabled } from '../io.js';

export type Colors = ReturnType<typeof createColors>;

/** Colour functions for one stream: real ANSI codes on a terminal without NO_COLOR, identity otherwise. */
export function colorsFor(stream: OutputStream, env: CliIo['env']): Colors {
  return createColors(colorEnabled(stream, env));
}
