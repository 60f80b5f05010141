import { TrecEvalError } from '../errors.js';
import { parseCLongText } from './c-parse.js';
import { selectMeasures } from './measure-selection.js';
import type { TrecEvalOptions } from './options.js';

/** A trec_eval command line, read. */
export interface TrecEvalArguments {
  readonly options: TrecEvalOptions;
  /** `-h`: print help and exit. */
  readonly help: boolean;
  /** `-v`: print the version and exit. */
  readonly printVersion: boolean;
  readonly qrelsPath: string;
  readonly runPath: string;
  /** `-Z file`. */
  readonly zscoresPath: string | undefined;
}

/** trec_eval's short usage text, printed on a bad command line (exit 1). */
export const trecEvalUsage = `Usage: trec_eval [-h] [-q] {-m measure}* trec_rel_file trec_top_file
   -h: Give full help information, including other options
   -q: In addition to summary evaluation, give evaluation for each query
   -m: calculate and print measures indicated by 'measure'
       ('-m all_qrels' prints all qrels measures, '-m official' is default)
`;

const longOptions: readonly (readonly [string, string, boolean])[] = [
  ['help', 'h', false],
  ['version', 'v', false],
  ['query_eval_wanted', 'q', false],
  ['measure', 'm', true],
  ['complete_rel_info_wanted', 'c', false],
  ['level_for_rel', 'l', true],
  ['nosummary', 'n', false],
  ['Debug_level', 'D', true],
  ['Judged_docs_only', 'J', false],
  ['Number_docs_in_coll', 'N', true],
  ['Max_retrieved_per_topic', 'M', true],
  ['Rel_info_format', 'R', true],
  ['Results_format', 'T', true],
  ['Output_old_results_format', 'o', true],
  ['Zscore', 'Z', true],
];
const shortWithArgument = new Set(['m', 'l', 'D', 'N', 'M', 'R', 'T', 'Z']);
const shortWithout = new Set(['h', 'v', 'q', 'c', 'n', 'J', 'o']);

function usageError(detail: string, friendly: string): TrecEvalError {
  return new TrecEvalError({ message: friendly, exitCode: 1, trecEvalMessage: `${detail}${trecEvalUsage}` });
}

/**
 * Reads trec_eval's command line the way its `getopt_long` does: short flags combine (`-qc`, `-mP.5`, `-l2`),
 * a flag's value may follow it (`-m P.5`), long names may be abbreviated (`--measure=map`), options may come
 * after the file names, and `--` ends the options. Without `-m`, the `official` measures are chosen later.
 *
 * @throws {TrecEvalError} exit code 1 with trec_eval's usage text for an unknown flag, a missing value or a
 * wrong number of file names, or with trec_eval's message for an unknown measure (checked as each `-m` is read,
 * as trec_eval does).
 */
export function parseTrecEvalArguments(argv: readonly string[], base: TrecEvalOptions = {}): TrecEvalArguments {
  const measures: string[] = [];
  const positional: string[] = [];
  let help = false;
  let printVersion = false;
  let zscoresPath: string | undefined;
  const settings: { -readonly [Key in keyof TrecEvalOptions]: TrecEvalOptions[Key] } = { ...base };
  const apply = (flag: string, value: string | undefined): void => {
    switch (flag) {
      case 'h':
        help = true;
        break;
      case 'v':
        printVersion = true;
        break;
      case 'q':
        settings.perQuery = true;
        break;
      case 'm':
        // trec_eval marks each measure as getopt hands it over: a bad name stops it before any later option.
        selectMeasures([value as string], settings.version ?? '9.0.8');
        measures.push(value as string);
        break;
      case 'c':
        settings.complete = true;
        break;
      case 'l':
        settings.relevanceLevel = parseCLongText(value as string);
        break;
      case 'n':
        settings.noSummary = true;
        break;
      case 'D':
        break;
      case 'J':
        settings.judgedOnly = true;
        break;
      case 'N':
        settings.numDocsInCollection = parseCLongText(value as string);
        break;
      case 'M':
        settings.maxRetrievedPerTopic = parseCLongText(value as string);
        break;
      case 'R':
        settings.relInfoFormat = value as string;
        break;
      case 'T':
        settings.resultsFormat = value as string;
        break;
      case 'o':
        break;
      case 'Z':
        zscoresPath = value;
        break;
      default:
        break;
    }
  };
  let index = 0;
  let optionsEnded = false;
  while (index < argv.length) {
    const argument = argv[index] as string;
    index++;
    if (optionsEnded || argument === '-' || !argument.startsWith('-')) {
      positional.push(argument);
      continue;
    }
    if (argument === '--') {
      optionsEnded = true;
      continue;
    }
    if (argument.startsWith('--')) {
      const body = argument.slice(2);
      const equals = body.indexOf('=');
      const name = equals < 0 ? body : body.slice(0, equals);
      const exact = longOptions.find(([longName]) => longName === name);
      const matches = exact !== undefined ? [exact] : longOptions.filter(([longName]) => longName.startsWith(name));
      if (matches.length !== 1) {
        const reason = matches.length === 0 ? `unrecognized option '--${name}'` : `option '--${name}' is ambiguous`;
        throw usageError(`trec_eval: ${reason}\n`, `trec-eval: ${reason}`);
      }
      const [longName, flag, takesValue] = matches[0] as readonly [string, string, boolean];
      let value: string | undefined;
      if (takesValue) {
        if (equals >= 0) value = body.slice(equals + 1);
        else if (index < argv.length) value = argv[index++];
        else throw usageError(`trec_eval: option '--${longName}' requires an argument\n`, `trec-eval: option --${longName} needs a value`);
      } else if (equals >= 0) {
        throw usageError(`trec_eval: option '--${longName}' doesn't allow an argument\n`, `trec-eval: option --${longName} takes no value`);
      }
      apply(flag, value);
      if (printVersion) break;
      continue;
    }
    for (let position = 1; position < argument.length; position++) {
      const flag = argument.charAt(position);
      if (shortWithArgument.has(flag)) {
        let value = argument.slice(position + 1);
        if (value === '') {
          if (index >= argv.length) throw usageError(`trec_eval: option requires an argument -- '${flag}'\n`, `trec-eval: -${flag} needs a value`);
          value = argv[index++] as string;
        }
        apply(flag, value);
        break;
      }
      if (!shortWithout.has(flag)) throw usageError(`trec_eval: invalid option -- '${flag}'\n`, `trec-eval: unknown option -${flag}`);
      apply(flag, undefined);
      if (printVersion) break;
    }
    // trec_eval prints its version and exits as soon as getopt reaches -v.
    if (printVersion) break;
  }
  if (measures.length > 0) settings.measures = [...(base.measures ?? []), ...measures];
  if (!help && !printVersion && positional.length !== 2) {
    throw usageError('', `trec-eval expects two file names, <qrels> <run>, got ${String(positional.length)}${positional.length > 0 ? `: ${positional.join(' ')}` : ''}`);
  }
  return { options: settings, help, printVersion, qrelsPath: positional[0] ?? '', runPath: positional[1] ?? '', zscoresPath };
}
