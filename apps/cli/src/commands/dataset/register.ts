import type { RegisterCommands } from '../../command-kit.js';
import { examples } from '../../command-kit.js';

export interface DatasetGetFlags {
  cacheDir?: string;
  md5?: string;
  force: boolean;
  json: boolean;
}

export const registerDatasetCommands: RegisterCommands = (program, io) => {
  const dataset = program.command('dataset').description('download and cache benchmark datasets (BEIR)');
  dataset
    .command('get')
    .description('download a BEIR dataset zip, check its md5, unpack it safely into the cache; prints the folder')
    .argument('<name|url>', 'a BEIR name (scifact, nfcorpus, fiqa, arguana...) or the http(s) URL of a BEIR-layout zip')
    .option('--cache-dir <dir>', 'cache folder (default $XDG_CACHE_HOME/benchline or ~/.cache/benchline)')
    .option('--md5 <hex>', 'expected md5 of the zip (known BEIR names have their published md5 built in)')
    .option('--force', 'download and unpack again even when cached', false)
    .option('--json', 'print the result as JSON', false)
    .addHelpText(
      'after',
      `
The zip is downloaded to <cache>/downloads (an interrupted download resumes), checked, and unpacked into a
temporary folder that is renamed to <cache>/datasets/<name> only when complete. Entries with absolute paths,
".." or symbolic links are refused, and so are archives that unpack to more than 32 GiB.
${examples(['benchline dataset get scifact', 'benchline bm25 --dataset "$(benchline dataset get scifact)" --out bm25.run', 'benchline dataset get https://example.org/my-beir-set.zip --md5 0123456789abcdef0123456789abcdef'])}`,
    )
    .action(async (nameOrUrl: string, flags: DatasetGetFlags) => {
      const { datasetGetCommand } = await import('./get.js');
      await datasetGetCommand(nameOrUrl, flags, io);
    });
  dataset
    .command('list')
    .description('list the known BEIR datasets and which are in the cache')
    .option('--cache-dir <dir>', 'cache folder (default $XDG_CACHE_HOME/benchline or ~/.cache/benchline)')
    .option('--json', 'print the list as JSON', false)
    .action(async (flags: { cacheDir?: string; json: boolean }) => {
      const { datasetListCommand } = await import('./get.js');
      await datasetListCommand(flags, io);
    });
};
