/** Which trec_eval to reproduce. 9.0.8 is what pytrec_eval and most published numbers use. */
export type TrecEvalVersion = '9.0.8' | '10.0';

/** The versions {@link TrecEvalVersion} accepts, default first. */
export const trecEvalVersions: readonly TrecEvalVersion[] = ['9.0.8', '10.0'];

/** The relevance-information formats trec_eval reads with `-R`. */
export type RelInfoFormat = 'qrels' | 'prefs' | 'qrels_prefs' | 'qrels_jg';

/** trec_eval's command-line settings, as plain data. Defaults are trec_eval's. */
export interface TrecEvalOptions {
  /** Default `'9.0.8'`. */
  readonly version?: TrecEvalVersion;
  /** `-m` arguments in order (`"P.5,10"`, `"all_trec"`, `"ndcg_cut.10"`); default `["official"]`. */
  readonly measures?: readonly string[];
  /** `-q`: print every topic's values before the summary. */
  readonly perQuery?: boolean;
  /** `-n`: no summary. */
  readonly noSummary?: boolean;
  /** `-c`: average over every topic of the relevance file. */
  readonly complete?: boolean;
  /** `-l`: minimum relevance value counted as relevant (default 1). */
  readonly relevanceLevel?: number;
  /** `-M`: evaluate only the first N documents of each topic after ranking. */
  readonly maxRetrievedPerTopic?: number;
  /** `-N`: number of documents in the collection (only `utility` uses it; trec_eval's default is 0). */
  readonly numDocsInCollection?: number;
  /** `-J`: drop unjudged documents before evaluating. */
  readonly judgedOnly?: boolean;
  /** `-R`: format of the relevance file (default `'qrels'`). */
  readonly relInfoFormat?: string;
  /** `-T`: format of the results file (only `'trec_results'` exists). */
  readonly resultsFormat?: string;
}

/** Options with every default filled in. */
export interface ResolvedTrecEvalOptions {
  readonly version: TrecEvalVersion;
  readonly measures: readonly string[];
  readonly perQuery: boolean;
  readonly noSummary: boolean;
  readonly complete: boolean;
  readonly relevanceLevel: number;
  readonly maxRetrievedPerTopic: number;
  readonly numDocsInCollection: number;
  readonly judgedOnly: boolean;
  readonly relInfoFormat: string;
  readonly resultsFormat: string;
}

export function resolveTrecEvalOptions(options: TrecEvalOptions = {}): ResolvedTrecEvalOptions {
  return {
    version: options.version ?? '9.0.8',
    measures: options.measures ?? [],
    perQuery: options.perQuery ?? false,
    noSummary: options.noSummary ?? false,
    complete: options.complete ?? false,
    relevanceLevel: options.relevanceLevel ?? 1,
    maxRetrievedPerTopic: options.maxRetrievedPerTopic ?? Number.MAX_SAFE_INTEGER,
    numDocsInCollection: options.numDocsInCollection ?? 0,
    judgedOnly: options.judgedOnly ?? false,
    relInfoFormat: options.relInfoFormat ?? 'qrels',
    resultsFormat: options.resultsFormat ?? 'trec_results',
  };
}
