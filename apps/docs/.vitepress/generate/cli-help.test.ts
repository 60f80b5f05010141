import { describe, expect, it } from 'vitest';
import { parseHelp, subcommandNames } from './cli-help.js';

// A help text in Commander 14's layout, as `benchline lora --help` prints it (wrapped at 100 columns).
const groupHelp = `Usage: benchline lora [options] [command]

LoRA: parameter counts, memory, adapters, merging, extraction, training

Options:
  -h, --help                   show help

Commands:
  params [options]             trainable parameters of LoRA on one weight matrix against a full update ΔW,
                               or on a whole model from its config.json
  inspect [options] <adapter-dir>  a PEFT adapter folder
  help [command]               display help for command
`;

const commandHelp = `Usage: benchline trec-eval [--trec-eval-version 9.0.8|10.0] [trec_eval flags] <qrels> <run>

a drop-in trec_eval: same flags, byte-identical output, same exit codes (9.0.8 by default)

Arguments:
  arguments  trec_eval flags and the two files: -q -m measure[.params] -c -l N -J -M N -N N -n -R
             format -Z file -v

Flags are trec_eval's own and combine as in trec_eval (-qc, -mP.5, -l2). Measures are trec_eval's names
(map, P.5,10, ndcg_cut.10...).

Exit codes are trec_eval's.

Examples:
  $ benchline trec-eval qrels.txt run.txt
  $ benchline trec-eval -M 10 -m recip_rank qrels.txt run.txt        # MRR@10
`;

describe('parseHelp', () => {
  it('reads usage, description, items with wrapped descriptions, and subcommands without help', () => {
    const help = parseHelp(groupHelp);
    expect(help.usage).toBe('benchline lora [options] [command]');
    expect(help.description).toBe('LoRA: parameter counts, memory, adapters, merging, extraction, training');
    expect(help.sections.get('Options')).toEqual([{ term: '-h, --help', description: 'show help' }]);
    expect(help.sections.get('Commands')?.[0]).toEqual({
      term: 'params [options]',
      description: 'trainable parameters of LoRA on one weight matrix against a full update ΔW, or on a whole model from its config.json',
    });
    expect(subcommandNames(help)).toEqual(['params', 'inspect']);
  });

  it('keeps notes after the sections as paragraphs and examples without the prompt', () => {
    const help = parseHelp(commandHelp);
    expect(help.sections.get('Arguments')).toEqual([
      { term: 'arguments', description: 'trec_eval flags and the two files: -q -m measure[.params] -c -l N -J -M N -N N -n -R format -Z file -v' },
    ]);
    expect(help.notes.split('\n\n')).toEqual([
      "Flags are trec_eval's own and combine as in trec_eval (-qc, -mP.5, -l2). Measures are trec_eval's names (map, P.5,10, ndcg_cut.10...).",
      "Exit codes are trec_eval's.",
    ]);
    expect(help.examples).toEqual(['benchline trec-eval qrels.txt run.txt', 'benchline trec-eval -M 10 -m recip_rank qrels.txt run.txt        # MRR@10']);
    expect(subcommandNames(help)).toEqual([]);
  });

  it('refuses a text that is not a help text, quoting its first line', () => {
    expect(() => parseHelp('error: unknown command\n')).toThrow('expected a help text starting with "Usage: ", found "error: unknown command"');
  });
});
