import { Option } from 'commander';
import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';
import { collectList } from '../../options.js';

export interface FuseFlags {
  method: string;
  norm?: string;
  rrfK: string;
  weights?: string[];
  top?: string;
  name?: string;
  out?: string;
}

export const registerFuseCommands: RegisterCommands = (program, io) => {
  program
    .command('fuse')
    .description('fuse runs into one: Reciprocal Rank Fusion, CombSUM or CombMNZ')
    .argument('<runs...>', 'run files (TREC, JSON or JSON Lines, optionally gzipped)')
    .addOption(new Option('--method <method>', 'fusion method').choices(['rrf', 'combsum', 'combmnz']).default('rrf'))
    .addOption(new Option('--norm <normalization>', 'score normalization for combsum/combmnz (default min-max, as ranx)').choices(['min-max', 'z-score', 'rank', 'none']))
    .option('--rrf-k <k>', "RRF's k (Cormack et al.: 60)", '60')
    .option('--weights <list>', 'one weight per run, comma-separated (weighted RRF or weighted sum)', collectList)
    .option('--top <n>', 'documents kept per query (default: all fused)')
    .option('--name <tag>', 'the run tag (default: the method)')
    .option('--out <file>', 'write the fused run to this file (atomically) instead of stdout')
    .addHelpText(
      'after',
      `
RRF scores a document Σ 1/(k + rank) over the runs; CombSUM adds normalized scores; CombMNZ multiplies that sum
by the number of runs that retrieved the document (Fox and Shaw 1993). Normalizations follow ranx.
${examples(['benchline fuse bm25.run dense.run --out rrf.run', 'benchline fuse en.run zh.run --method combsum --norm z-score --out fused.run', 'benchline fuse a.run b.run --weights 2,1 --top 100'])}`,
    )
    .action(async (runs: string[], flags: FuseFlags) => {
      const { fuseCommand } = await import('./fuse.js');
      await fuseCommand(runs, flags, io);
    });
};
