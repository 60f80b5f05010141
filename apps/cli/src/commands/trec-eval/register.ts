import type { Command } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';

export const registerTrecEvalCommands: RegisterCommands = (program, io) => {
  program
    .command('trec-eval')
    .description('a drop-in trec_eval: same flags, byte-identical output, same exit codes (9.0.8 by default)')
    .usage('[--trec-eval-version 9.0.8|10.0] [trec_eval flags] <qrels> <run>')
    .helpOption(false)
    .allowUnknownOption()
    .allowExcessArguments()
    .argument('[arguments...]', 'trec_eval flags and the two files: -q -m measure[.params] -c -l N -J -M N -N N -n -R format -Z file -v')
    .addHelpText(
      'after',
      `
Flags are trec_eval's own and combine as in trec_eval (-qc, -mP.5, -l2). Measures are trec_eval's names
(map, P.5,10, ndcg_cut.10, recall.1000, all_trec...). -h and --help show this text (trec_eval's own long
help with every measure's description is not reproduced).

--trec-eval-version 9.0.8 (default: what pytrec_eval and most papers use) compares scores as 32-bit floats,
rounds interpolated-precision cutoffs with +0.9 and skips judged topics missing from the run; 10.0 compares
doubles, uses lround, stops with exit 4 on a judged topic missing from the run unless -c, reads # comments,
and adds rbp, rbp_resid, unj, dcg, ideal_dcg.

Exit codes are trec_eval's: 1 bad flags or measure, 2 unreadable or malformed input, 4 duplicate document
(or, in 10.0, a judged topic without results), 7 no topic with both results and judgments.
${examples([
  'benchline trec-eval qrels.txt run.txt',
  'benchline trec-eval -q -m map -m ndcg_cut.10 -m recall.1,10,100,1000 qrels.txt run.txt',
  'benchline trec-eval -M 10 -m recip_rank qrels.txt run.txt        # MRR@10',
  'benchline trec-eval --trec-eval-version 10.0 -c -m all_trec qrels.txt run.txt',
])}`,
    )
    .action(async (_arguments: string[], _options: unknown, command: Command) => {
      const { trecEvalCommand } = await import('./trec-eval.js');
      await trecEvalCommand(command.args, io, { showHelp: () => command.outputHelp() });
    });
};
