#!/usr/bin/env node
/**
 * Differential tester: `benchline trec-eval` against a real trec_eval binary.
 *
 * The fixtures in ../shared/reference/trec_eval only exercise a few inputs. This script generates many
 * random but adversarial qrels/run pairs from a seed, runs the real trec_eval and the candidate on the
 * same files with the same flags, and compares stdout byte for byte, the exit code, and the meaning of
 * stderr (see `compareStderr`). Every mismatch is shrunk to a minimal reproduction and written to a
 * folder outside the repository; a summary groups the mismatches by measure, by flag and by signature.
 *
 * Usage (from packages/metrics, after `pnpm --filter @benchline/metrics build && pnpm --filter benchline build`):
 *
 *   pnpm differential -- [options]
 *   node scripts/differential-trec-eval.mjs [options]
 *
 * Options:
 *   --trec-eval PATH        trec_eval 9.0.8 binary (default: $TREC_EVAL, else `trec_eval` on PATH)
 *   --trec-eval-10 PATH     trec_eval 10.0 binary (default: $TREC_EVAL_10, else `trec_eval-10.0` on PATH);
 *                           the 10.0 cases are skipped when there is none
 *   --versions LIST         comma-separated, from 9.0.8,10.0 (default: every version with a binary)
 *   --cli PATH              the built CLI (default: <repo>/apps/cli/dist/cli.mjs), run as
 *                           `node PATH trec-eval --trec-eval-version V <flags> <qrels> <run>`
 *   --candidate PATH        compare against this trec_eval-compatible executable instead of the CLI
 *                           (self-test of the harness: --trec-eval trec_eval-9.0.8 --candidate trec_eval-10.0
 *                           --versions 9.0.8 must report exactly the documented 9.0.8/10.0 differences)
 *   --seed N                seed of the case generator (default 1); a seed always gives the same cases
 *   --cases N               number of cases per version (default 300)
 *   --jobs N                cases run in parallel (default 2)
 *   --out DIR               where reproductions go (default: <os tmpdir>/benchline-trec-eval-diffs);
 *                           the folder is cleared first, one numbered sub-folder per distinct signature
 *   --no-shrink             save the failing inputs as generated
 *   --verbose               print every mismatch as it is found
 *
 * Cases where trec_eval itself crashes, and 10.0 cases whose output comes from its shared dcg/ideal_dcg/ndcg
 * parameters (undefined behaviour in m_ndcg.c), are counted and skipped.
 *
 * Exit code: 0 when every case matched, 1 when at least one mismatch was found, 2 on a usage error.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const scriptDirectory = dirname(fileURLToPath(import.meta.url));
const repositoryRoot = resolve(scriptDirectory, '../../..');
const supportedVersions = ['9.0.8', '10.0'];

class UsageError extends Error {}

// ---------------------------------------------------------------------------------------------------
// Command line

function parseArguments(argv) {
  const options = {
    trecEval: process.env.TREC_EVAL ?? undefined,
    trecEval10: process.env.TREC_EVAL_10 ?? undefined,
    versions: undefined,
    cli: join(repositoryRoot, 'apps/cli/dist/cli.mjs'),
    candidate: undefined,
    seed: 1,
    cases: 300,
    jobs: 2,
    out: join(tmpdir(), 'benchline-trec-eval-diffs'),
    shrink: true,
    verbose: false,
  };
  const takeValue = (index, name) => {
    const value = argv[index + 1];
    if (value === undefined) throw new UsageError(`${name} expects a value`);
    return value;
  };
  const takeCount = (index, name) => {
    const text = takeValue(index, name);
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new UsageError(`${name} expects a whole number, found '${text}'`);
    return value;
  };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    switch (argument) {
      case '--':
        break;
      case '--trec-eval':
        options.trecEval = takeValue(index++, argument);
        break;
      case '--trec-eval-10':
        options.trecEval10 = takeValue(index++, argument);
        break;
      case '--versions':
        options.versions = takeValue(index++, argument).split(',').filter(Boolean);
        for (const version of options.versions) {
          if (!supportedVersions.includes(version)) {
            throw new UsageError(`--versions: unknown version '${version}' (expected ${supportedVersions.join(' or ')})`);
          }
        }
        break;
      case '--cli':
        options.cli = resolve(takeValue(index++, argument));
        break;
      case '--candidate':
        options.candidate = resolve(takeValue(index++, argument));
        break;
      case '--seed':
        options.seed = takeCount(index++, argument);
        break;
      case '--cases':
        options.cases = takeCount(index++, argument);
        break;
      case '--jobs':
        options.jobs = Math.max(1, takeCount(index++, argument));
        break;
      case '--out':
        options.out = resolve(takeValue(index++, argument));
        break;
      case '--no-shrink':
        options.shrink = false;
        break;
      case '--verbose':
        options.verbose = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        throw new UsageError(`unknown option '${argument}' (see --help)`);
    }
  }
  return options;
}

function findOnPath(name) {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function requireExecutable(path, what) {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new UsageError(`${what} '${path}' does not exist or is not executable`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Deterministic random numbers (sfc32 seeded through splitmix32), one stream per case so that a case
// does not depend on how many cases ran before it or in parallel.

function splitmix32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 16), 0x85ebca6b) >>> 0;
    value = Math.imul(value ^ (value >>> 13), 0xc2b2ae35) >>> 0;
    return (value ^ (value >>> 16)) >>> 0;
  };
}

function createRandom(seed, stream) {
  const mix = splitmix32((seed * 0x9e3779b1 + stream * 0x85ebca77) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let warmUp = 0; warmUp < 12; warmUp++) next();
  return {
    float: next,
    int: (lowInclusive, highInclusive) => lowInclusive + Math.floor(next() * (highInclusive - lowInclusive + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => items[Math.floor(next() * items.length)],
    weighted: (pairs) => {
      const total = pairs.reduce((sum, [weight]) => sum + weight, 0);
      let target = next() * total;
      for (const [weight, value] of pairs) {
        target -= weight;
        if (target < 0) return value;
      }
      return pairs[pairs.length - 1][1];
    },
    shuffle: (items) => {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = Math.floor(next() * (index + 1));
        [copy[index], copy[other]] = [copy[other], copy[index]];
      }
      return copy;
    },
  };
}

// ---------------------------------------------------------------------------------------------------
// Case generation. A case is { version, qrelsLines, runLines, flags, lineEnd }: lines are kept as arrays so
// that shrinking can drop them; flags is a list of argument groups (each group is one or two argv words).

// Topic ids that sort differently as bytes and as numbers, and that differ only by case or length.
const topicPool = ['1', '2', '9', '10', '100', '301', '0301', 'a', 'A', 'q-1', 'q_1', 'ä', 'z9', 'Z9'];
// Docnos: case variants, length variants ('999' > '1000' as bytes), '#' inside, UTF-8 and prefixes.
const docnoPool = [
  'd1', 'D1', 'd10', 'd2', 'd20', 'd100', '999', '1000', '99', '0999', 'doc', 'doc0', 'doc00', 'DOC',
  'x', 'X', 'x-1', 'x_1', 'a#1', 'b#', 'CR#93E', 'é1', 'e1', 'É1', 'zz', 'zZ', 'Zz', 'm.1', 'm-1', 'n',
];

function generateScore(random, tieScores) {
  return random.weighted([
    [30, () => String(random.int(0, 30))],
    [15, () => random.pick(tieScores)],
    [12, () => (random.float() * 10).toFixed(random.int(1, 7))],
    // Scores equal only after rounding to float32 (ties in 9.0.8, distinct in 10.0).
    [10, () => random.pick(['1.00000001', '1.00000002', '1.0000001', '16777216', '16777217', '0.1', '0.10000000149', '0.30000001', '0.3', '2.5', '2.50000001'])],
    [6, () => random.pick(['1e-3', '+2e-3', '1E+02', '-0.32', '-1e-300', '1e-320', '3.4028235e38', '3.4028236e38', '1e400', '-0'])],
    [3, () => random.pick(['inf', '-inf', 'Infinity', 'INF'])],
    [1, () => random.pick(['nan', 'NaN', '-nan'])],
    [3, () => random.pick(['abc', '1.5.2', '0x10', '0x1p3', '.5', '5.', '1,5', ''])],
    [4, () => String(random.int(-5, 5))],
  ])();
}

function generateRelevance(random) {
  return random.weighted([
    [40, '0'],
    [35, '1'],
    [8, '2'],
    [4, '3'],
    [4, '-1'],
    [2, '-2'],
    [1, '12'],
    [1, '1.7'],
    [1, 'abc'],
    [1, '+1'],
    [1, '4'],
  ]);
}

function separator(random) {
  return random.weighted([[70, ' '], [20, '\t'], [6, '  '], [4, ' \t ']]);
}

function generateCase(seed, caseIndex, version) {
  const random = createRandom(seed, caseIndex * 2 + (version === '10.0' ? 1 : 0));
  const topicCount = random.int(1, 5);
  const topics = random.shuffle(topicPool).slice(0, topicCount);
  const qrelsLines = [];
  const runLines = [];
  const tieScores = ['1', '0.5', '0.25', '7', '1.0'];
  const runIdPool = ['run', 'RUN-b', 'finalRUN', 'r#1', 'r'];

  for (const topic of topics) {
    // Where the topic appears: both files (usually), only the qrels, only the run.
    const presence = random.weighted([[75, 'both'], [13, 'qrels'], [12, 'run']]);
    const docnos = random.shuffle(docnoPool).slice(0, random.int(1, 14));
    if (presence !== 'run') {
      const judged = docnos.filter(() => random.chance(0.75));
      if (judged.length === 0) judged.push(docnos[0]);
      const allNonRelevant = random.chance(0.12);
      for (const docno of judged) {
        const relevance = allNonRelevant ? random.pick(['0', '-1']) : generateRelevance(random);
        const iteration = random.pick(['0', 'Q0', '1']);
        qrelsLines.push([topic, iteration, docno, relevance].join(separator(random)));
      }
      if (random.chance(0.02)) qrelsLines.push([topic, '0', random.pick(judged), '1'].join(' ')); // duplicate judgment
      if (random.chance(0.03)) qrelsLines.push([topic, '0', 'unseen-doc', '1'].join(' '));
    }
    if (presence !== 'qrels') {
      const retrieved = docnos.filter(() => random.chance(0.8));
      if (random.chance(0.1)) retrieved.push(`extra${random.int(1, 3)}`);
      if (random.chance(0.03) && retrieved.length > 0) retrieved.push(random.pick(retrieved)); // duplicate docno
      for (const [rankIndex, docno] of retrieved.entries()) {
        const rank = random.chance(0.8) ? String(rankIndex + 1) : String(random.int(0, 50));
        const fields = [topic, random.pick(['Q0', 'q0', '0']), docno, rank, generateScore(random, tieScores), random.pick(runIdPool)];
        if (random.chance(0.04)) fields.push('trailing-field');
        runLines.push(fields.join(separator(random)));
      }
    }
  }

  // Line order must not matter to trec_eval; shuffling also moves the last run line (runid source).
  let shuffledQrels = random.chance(0.5) ? random.shuffle(qrelsLines) : qrelsLines;
  let shuffledRun = random.chance(0.6) ? random.shuffle(runLines) : runLines;

  // Rare structural oddities: blank lines, comments (column 0 and indented), leading spaces, short lines.
  if (random.chance(0.05)) shuffledRun = insertAt(random, shuffledRun, '');
  if (random.chance(0.04)) shuffledRun = insertAt(random, shuffledRun, '   ');
  if (random.chance(0.05)) shuffledRun = insertAt(random, shuffledRun, random.pick(['# a comment', '  # indented comment', '#']));
  if (random.chance(0.04)) shuffledQrels = insertAt(random, shuffledQrels, random.pick(['# judged by x', '#']));
  if (random.chance(0.02)) shuffledQrels = insertAt(random, shuffledQrels, '');
  if (random.chance(0.02)) shuffledRun = insertAt(random, shuffledRun, `${topics[0]} Q0 short`);
  if (random.chance(0.02)) shuffledQrels = insertAt(random, shuffledQrels, `${topics[0]} 0 d1 1 extra`);
  if (random.chance(0.04)) shuffledRun = shuffledRun.map((line) => (random.chance(0.3) ? ` ${line}` : line));
  if (random.chance(0.02)) shuffledRun = [];

  return {
    version,
    qrelsLines: shuffledQrels,
    runLines: shuffledRun,
    flags: generateFlags(random, version),
    lineEnd: random.chance(0.06) ? '\r\n' : '\n',
    finalNewline: !random.chance(0.05),
  };
}

function insertAt(random, lines, line) {
  const position = random.int(0, lines.length);
  return [...lines.slice(0, position), line, ...lines.slice(position)];
}

// Measures with parameter lists, including malformed and unusual ones (errors must match too).
function generateMeasure(random, version) {
  const plain = [
    'map', 'gm_map', 'Rprec', 'bpref', 'recip_rank', 'iprec_at_recall', 'P', 'relstring', 'recall', 'infAP',
    'gm_bpref', 'Rprec_mult', 'utility', '11pt_avg', 'binG', 'G', 'ndcg', 'ndcg_rel', 'Rndcg', 'ndcg_cut',
    'map_cut', 'relative_P', 'success', 'set_P', 'set_relative_P', 'set_recall', 'set_map', 'set_F',
    'num_nonrel_judged_ret', 'num_q', 'num_ret', 'num_rel', 'num_rel_ret', 'runid', 'yaap',
  ];
  const versionTen = ['rbp', 'rbp_resid', 'unj', 'dcg', 'ideal_dcg'];
  const nicknames = ['official', 'all_trec', 'set'];
  const parameterised = [
    'P.5,10', 'P.1', 'P.3,1,2', 'P.23.4', 'P.5,5', 'P.0', 'P.-3', 'P.abc', 'P.1000000',
    'recall.1,2,1000', 'success.1,2', 'ndcg_cut.1,3', 'ndcg_cut.10,20,23.4', 'map_cut.2,5', 'relative_P.1,4',
    'iprec_at_recall.0,.5,1', 'iprec_at_recall..10,.20,.25,.75,.50', 'iprec_at_recall.0.33,0.67',
    'iprec_at_recall.0.15', 'iprec_at_recall.0.5,0.5', 'Rprec_mult.0.5,1,1.5', 'Rprec_mult.0.25',
    '11pt_avg.0.5', '11pt_avg..25,.5,.75', '11pt_avg.0.35,0.65', 'utility.2,-1,0,0', 'utility.1,2',
    'relstring.3', 'relstring.0', 'relstring.20', 'set_F.0.5', 'set_F.2', 'ndcg.1=3,2=9,4=4.5', 'ndcg.0=1',
    'ndcg.1=0.5,2=0.7', 'ndcg.2=-1', 'ndcg.a=2', 'ndcg.1=3,,2=4', 'ndcg.1', 'G.1=2', 'Rndcg.2=5', 'ndcg_rel.1=2',
    'map.', 'nonexistent', 'P..5',
  ];
  const parameterisedTen = ['rbp.p=0.5', 'rbp.p=0.95', 'rbp.1=0.5', 'rbp_resid.p=0.8', 'unj.3', 'unj.1,2', 'dcg.1=2', 'ideal_dcg.2=3'];
  return random.weighted([
    [45, () => random.pick(plain)],
    [8, () => random.pick(nicknames)],
    [30, () => random.pick(parameterised)],
    [version === '10.0' ? 10 : 3, () => random.pick(versionTen)],
    [version === '10.0' ? 6 : 2, () => random.pick(parameterisedTen)],
  ])();
}

function generateFlags(random, version) {
  const groups = [];
  const measureCount = random.weighted([[20, 0], [45, 1], [25, 2], [10, 4]]);
  for (let index = 0; index < measureCount; index++) {
    const measure = generateMeasure(random, version);
    groups.push(random.chance(0.5) ? ['-m', measure] : [`-m${measure}`]);
  }
  if (random.chance(0.45)) groups.push(['-q']);
  if (random.chance(0.25)) groups.push(['-c']);
  if (random.chance(0.08)) groups.push(['-n']);
  if (random.chance(0.12)) groups.push(['-J']);
  if (random.chance(0.2)) {
    const cutoff = random.pick(['1', '2', '3', '5', '10', '0', '100']);
    groups.push(random.chance(0.5) ? ['-M', cutoff] : [`-M${cutoff}`]);
  }
  if (random.chance(0.18)) {
    const level = random.pick(['0', '2', '3', '-1', '1']);
    groups.push(random.chance(0.5) ? ['-l', level] : [`-l${level}`]);
  }
  if (random.chance(0.05)) groups.push([`-N${random.pick(['100', '5', '0'])}`]);
  if (random.chance(0.03)) groups.push(['-qc']);
  return random.shuffle(groups);
}

// ---------------------------------------------------------------------------------------------------
// Running a case

function runProcess(command, args, workingDirectory) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: workingDirectory, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout = [];
    const stderr = [];
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.on('error', (error) => {
      resolvePromise({ stdout: '', stderr: String(error), exitCode: 'spawn-error', signal: null });
    });
    child.on('close', (exitCode, signal) => {
      resolvePromise({
        stdout: Buffer.concat(stdout).toString('latin1'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        exitCode,
        signal,
      });
    });
  });
}

function serialize(lines, testCase) {
  if (lines.length === 0) return '';
  const text = lines.join(testCase.lineEnd);
  return testCase.finalNewline ? text + testCase.lineEnd : text;
}

function commandsFor(testCase, setup) {
  const flagWords = testCase.flags.flat();
  const reference = { command: setup.referenceBinary[testCase.version], args: [...flagWords, 'qrels', 'run'] };
  const candidate = setup.candidate
    ? { command: setup.candidate, args: [...flagWords, 'qrels', 'run'] }
    : {
        command: process.execPath,
        args: [setup.cli, 'trec-eval', '--trec-eval-version', testCase.version, ...flagWords, 'qrels', 'run'],
      };
  return { reference, candidate };
}

async function executeCase(testCase, setup) {
  const directory = mkdtempSync(join(setup.scratch, 'case-'));
  try {
    writeFileSync(join(directory, 'qrels'), serialize(testCase.qrelsLines, testCase), 'utf8');
    writeFileSync(join(directory, 'run'), serialize(testCase.runLines, testCase), 'utf8');
    const { reference, candidate } = commandsFor(testCase, setup);
    const [referenceResult, firstCandidateResult] = await Promise.all([
      runProcess(reference.command, reference.args, directory),
      runProcess(candidate.command, candidate.args, directory),
    ]);
    let candidateResult = firstCandidateResult;
    // Another engineer may be rebuilding apps/cli/dist while this runs: a missing bundle is not a finding.
    for (let attempt = 0; attempt < 5 && /Cannot find module|ERR_MODULE_NOT_FOUND|ENOENT[^\n]*cli\.mjs/.test(candidateResult.stderr); attempt++) {
      await new Promise((wake) => setTimeout(wake, 3000));
      candidateResult = await runProcess(candidate.command, candidate.args, directory);
    }
    return { referenceResult, candidateResult, verdict: compare(referenceResult, candidateResult, testCase) };
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------------
// Comparison

// stderr wording is free (the CLI names files and lines), but the meaning must agree: an error on one
// side only, or an error that does not mention the same culprit (measure, docno, topic), is a mismatch.
function compareStderr(reference, candidate) {
  const referenceText = reference.stderr.trim();
  const candidateText = candidate.stderr.trim();
  if ((referenceText === '') !== (candidateText === '')) {
    return referenceText === '' ? 'stderr-only-candidate' : 'stderr-only-reference';
  }
  const culprits = [
    /illegal measure '([^']*)'/,
    /duplicate docs (\S+)/,
    /result qid '([^']*)' not found/,
  ];
  for (const pattern of culprits) {
    const match = pattern.exec(referenceText);
    if (match && match[1] !== '' && !candidateText.includes(match[1])) return 'stderr-culprit';
  }
  return undefined;
}

// trec_eval 10.0's dcg, ideal_dcg and ndcg share one static PARAMS structure (m_ndcg.c): parameters given to one
// leak into the others (printed names, gains) and the final clean-up frees it twice. When the reference survives,
// its output is that undefined behaviour; benchline keeps each measure's own parameters (README: documented).
function sharesNdcgParameters(testCase) {
  if (testCase.version !== '10.0') return false;
  const requests = testCase.flags.filter((group) => group[0].startsWith('-m')).map((group) => (group[0] === '-m' ? group[1] : group[0].slice(2)));
  const base = (request) => request.split('.')[0];
  const family = new Set(requests.map(base).filter((name) => name === 'dcg' || name === 'ideal_dcg' || name === 'ndcg' || name === 'all_trec'));
  const parameterised = requests.some((request) => ['dcg', 'ideal_dcg', 'ndcg'].includes(base(request)) && request.includes('.'));
  return (family.has('dcg') || family.has('ideal_dcg')) && family.size >= 2 && parameterised;
}

function compare(reference, candidate, testCase) {
  if (reference.signal === 'SIGSEGV' || reference.signal === 'SIGABRT') {
    // trec_eval crashed (undefined behaviour upstream): nothing to be exactly equal to.
    return { equal: true, referenceCrashed: true };
  }
  if (testCase !== undefined && sharesNdcgParameters(testCase) && reference.stdout !== candidate.stdout) {
    return { equal: true, referenceUndefined: true };
  }
  const problems = [];
  if (reference.exitCode !== candidate.exitCode) problems.push('exit-code');
  if (reference.stdout !== candidate.stdout) problems.push('stdout');
  const stderrProblem = compareStderr(reference, candidate);
  if (stderrProblem) problems.push(stderrProblem);
  if (problems.length === 0) return { equal: true };
  return {
    equal: false,
    problems,
    differingMeasures: differingMeasures(reference.stdout, candidate.stdout),
    referenceStderr: reference.stderr,
    candidateStderr: candidate.stderr,
  };
}

// Measure names (cut-off suffixes removed) of the stdout lines present on one side only.
function differingMeasures(referenceStdout, candidateStdout) {
  const referenceLines = referenceStdout.split('\n');
  const candidateLines = candidateStdout.split('\n');
  const names = new Set();
  const length = Math.max(referenceLines.length, candidateLines.length);
  for (let index = 0; index < length; index++) {
    if (referenceLines[index] === candidateLines[index]) continue;
    for (const line of [referenceLines[index], candidateLines[index]]) {
      if (line) names.add(baseMeasureName(line.split('\t')[0].trim()));
    }
  }
  return [...names].sort();
}

function baseMeasureName(name) {
  return name
    .replace(/^Z/, '')
    .replace(/_(\d+(\.\d+)?)$/, '')
    .replace(/^(utility|11pt_avg|set_F|relstring|ndcg|ndcg_rel|Rndcg|G|rbp|rbp_resid|dcg|ideal_dcg)_.*$/, '$1');
}

function flagNames(testCase) {
  const names = new Set();
  for (const group of testCase.flags) {
    const flag = group[0].slice(0, 2);
    if (flag === '-m') continue;
    names.add(group[0] === '-qc' ? '-q -c' : flag);
  }
  return [...names].sort();
}

// A signature names a kind of discrepancy: for a pure stdout difference, the measures whose lines differ;
// otherwise the shape of the two error messages (quoted names and numbers blanked out), so that all the
// cases failing for one reason land in one group.
function signatureOf(testCase, verdict) {
  // NaN scores make trec_eval's qsort order depend on the C library's sort algorithm: kept apart.
  const nan = testCase.runLines.some((line) => /\s[-+]?nan\s/i.test(` ${line} `)) ? ' [NaN score]' : '';
  if (/internal error|\n\s+at /.test(verdict.candidateStderr)) {
    const firstLine = verdict.candidateStderr.trim().split('\n')[0].replace(/:\s.*$/, '');
    return `${testCase.version} | candidate crash | ${firstLine} ${verdict.candidateStderr.match(/internal error: (\w+)/)?.[1] ?? ''}`;
  }
  if (verdict.problems.length === 1 && verdict.problems[0] === 'stdout') {
    if (nan) return `${testCase.version} | stdout${nan} | (any measure)`;
    return `${testCase.version} | stdout | ${verdict.differingMeasures.slice(0, 4).join('+') || '-'}`;
  }
  const shape = (text) =>
    text
      .trim()
      // trec_eval prints "duplicate docs X" without a newline, glued to the next message.
      .replace(/duplicate docs \S*?(?=trec_eval|$)/, 'duplicate docs …\n')
      .split('\n')[0]
      .replace(/'[\w.,=+#-]*'/g, "'…'")
      .replace(/\d+/g, 'N')
      .slice(0, 80) || '(no stderr)';
  return `${testCase.version} | ${verdict.problems.join(',')} | ${shape(verdict.referenceStderr)} ≠ ${shape(verdict.candidateStderr)}`;
}

// ---------------------------------------------------------------------------------------------------
// Shrinking: drop whole topics, then run lines, then qrels lines, then flag groups, as long as the
// mismatch keeps its signature (so that shrinking does not wander to another bug).

async function shrinkCase(testCase, signature, setup, budget) {
  let current = testCase;
  let executions = 0;
  const stillFails = async (candidateCase) => {
    if (executions >= budget) return false;
    executions++;
    const { verdict } = await executeCase(candidateCase, setup);
    return !verdict.equal && signatureOf(candidateCase, verdict) === signature;
  };

  const topicOf = (line) => line.trim().split(/\s+/)[0];
  const topics = [...new Set([...current.qrelsLines, ...current.runLines].map(topicOf).filter(Boolean))];
  for (const topic of topics) {
    const attempt = {
      ...current,
      qrelsLines: current.qrelsLines.filter((line) => topicOf(line) !== topic),
      runLines: current.runLines.filter((line) => topicOf(line) !== topic),
    };
    if (await stillFails(attempt)) current = attempt;
  }
  for (const key of ['runLines', 'qrelsLines']) {
    // Halves first, then single lines (a simple ddmin).
    let chunk = Math.max(1, Math.floor(current[key].length / 2));
    while (chunk >= 1) {
      let start = 0;
      while (start < current[key].length) {
        const attempt = { ...current, [key]: [...current[key].slice(0, start), ...current[key].slice(start + chunk)] };
        if (await stillFails(attempt)) current = attempt;
        else start += chunk;
      }
      chunk = Math.floor(chunk / 2);
    }
  }
  for (let index = current.flags.length - 1; index >= 0; index--) {
    const attempt = { ...current, flags: [...current.flags.slice(0, index), ...current.flags.slice(index + 1)] };
    if (await stillFails(attempt)) current = attempt;
  }
  for (const simplification of [{ lineEnd: '\n' }, { finalNewline: true }]) {
    const attempt = { ...current, ...simplification };
    if (await stillFails(attempt)) current = attempt;
  }
  return { shrunk: current, executions };
}

// ---------------------------------------------------------------------------------------------------
// Reporting

function shellQuote(word) {
  return /^[\w./=,:+@%-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

function lineDiff(referenceStdout, candidateStdout) {
  const referenceLines = referenceStdout.split('\n');
  const candidateLines = candidateStdout.split('\n');
  const output = [];
  const length = Math.max(referenceLines.length, candidateLines.length);
  for (let index = 0; index < length; index++) {
    if (referenceLines[index] === candidateLines[index]) continue;
    if (referenceLines[index] !== undefined) output.push(`- ${referenceLines[index]}`);
    if (candidateLines[index] !== undefined) output.push(`+ ${candidateLines[index]}`);
  }
  return output.join('\n');
}

function saveReproduction(folder, testCase, result, setup) {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'qrels'), serialize(testCase.qrelsLines, testCase), 'utf8');
  writeFileSync(join(folder, 'run'), serialize(testCase.runLines, testCase), 'utf8');
  const { reference, candidate } = commandsFor(testCase, setup);
  const commandLine = (entry) => [entry.command, ...entry.args].map(shellQuote).join(' ');
  writeFileSync(
    join(folder, 'command.sh'),
    `# run inside this folder\n# reference (trec_eval ${testCase.version}):\n${commandLine(reference)}\n# candidate:\n${commandLine(candidate)}\n`,
  );
  for (const [side, outcome] of [['reference', result.referenceResult], ['candidate', result.candidateResult]]) {
    writeFileSync(join(folder, `${side}.stdout`), outcome.stdout, 'latin1');
    writeFileSync(join(folder, `${side}.stderr`), outcome.stderr);
    writeFileSync(join(folder, `${side}.exit`), `${outcome.exitCode ?? outcome.signal}\n`);
  }
  const summary = [
    `problems: ${result.verdict.problems.join(', ')}`,
    `exit codes: reference ${result.referenceResult.exitCode ?? result.referenceResult.signal}, candidate ${result.candidateResult.exitCode ?? result.candidateResult.signal}`,
    'stdout lines that differ (- reference, + candidate):',
    lineDiff(result.referenceResult.stdout, result.candidateResult.stdout) || '(none)',
    'stderr (reference):',
    result.referenceResult.stderr.trim() || '(empty)',
    'stderr (candidate):',
    result.candidateResult.stderr.trim() || '(empty)',
  ].join('\n');
  writeFileSync(join(folder, 'diff.txt'), `${summary}\n`);
  return summary;
}

function increment(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

function printTable(title, map) {
  if (map.size === 0) return;
  console.log(`\n${title}`);
  const rows = [...map.entries()].sort((left, right) => right[1] - left[1] || String(left[0]).localeCompare(String(right[0])));
  for (const [key, count] of rows) console.log(`  ${String(count).padStart(6)}  ${key}`);
}

// ---------------------------------------------------------------------------------------------------
// Main

async function main() {
  const options = parseArguments(process.argv.slice(2));
  if (options.help) {
    const source = await import('node:fs').then((fs) => fs.readFileSync(fileURLToPath(import.meta.url), 'utf8'));
    const header = source.slice(source.indexOf('/**') + 3, source.indexOf('*/'));
    console.log(header.replace(/^ \* ?/gm, '').trim());
    return 0;
  }

  const referenceBinary = {
    '9.0.8': options.trecEval ?? findOnPath('trec_eval'),
    '10.0': options.trecEval10 ?? findOnPath('trec_eval-10.0'),
  };
  const versions = options.versions ?? supportedVersions.filter((version) => referenceBinary[version]);
  if (versions.length === 0) {
    throw new UsageError(
      'no trec_eval binary: pass --trec-eval PATH (9.0.8) and/or --trec-eval-10 PATH, set TREC_EVAL / TREC_EVAL_10, or put trec_eval on PATH',
    );
  }
  for (const version of versions) {
    if (!referenceBinary[version]) {
      throw new UsageError(`--versions asks for ${version} but there is no trec_eval ${version} binary (see --help)`);
    }
    requireExecutable(referenceBinary[version], `trec_eval ${version} binary`);
  }
  if (options.candidate) requireExecutable(options.candidate, 'candidate');
  else {
    try {
      accessSync(options.cli, constants.R_OK);
    } catch {
      throw new UsageError(`the built CLI '${options.cli}' is missing: run pnpm --filter benchline build (or pass --cli PATH)`);
    }
  }

  rmSync(options.out, { recursive: true, force: true });
  mkdirSync(options.out, { recursive: true });
  const scratch = mkdtempSync(join(tmpdir(), 'benchline-differential-'));
  const setup = { referenceBinary, cli: options.cli, candidate: options.candidate, scratch };
  const candidateName = options.candidate ?? `node ${options.cli} trec-eval`;
  console.log(`reference: ${versions.map((version) => `${version}=${referenceBinary[version]}`).join(', ')}`);
  console.log(`candidate: ${candidateName}`);
  console.log(`seed ${options.seed}, ${options.cases} cases per version, ${options.jobs} jobs, reproductions in ${options.out}`);

  const started = Date.now();
  const failures = [];
  let casesRun = 0;
  let referenceCrashes = 0;
  let referenceUndefined = 0;
  const queue = [];
  for (const version of versions) {
    for (let caseIndex = 0; caseIndex < options.cases; caseIndex++) queue.push({ version, caseIndex });
  }
  let nextItem = 0;
  const worker = async () => {
    while (nextItem < queue.length) {
      const { version, caseIndex } = queue[nextItem++];
      const testCase = generateCase(options.seed, caseIndex, version);
      const result = await executeCase(testCase, setup);
      casesRun++;
      if (result.verdict.referenceCrashed) referenceCrashes++;
      if (result.verdict.referenceUndefined) referenceUndefined++;
      if (!result.verdict.equal) {
        failures.push({ version, caseIndex, testCase, result, signature: signatureOf(testCase, result.verdict) });
        if (options.verbose) console.log(`mismatch: ${version} case ${caseIndex}: ${signatureOf(testCase, result.verdict)}`);
      }
      if (casesRun % 100 === 0) {
        process.stderr.write(`  ${casesRun}/${queue.length} cases, ${failures.length} mismatches\n`);
      }
    }
  };
  await Promise.all(Array.from({ length: options.jobs }, worker));
  const elapsedSeconds = (Date.now() - started) / 1000;

  // Deterministic report order, whatever the scheduling was.
  failures.sort((left, right) => left.version.localeCompare(right.version) || left.caseIndex - right.caseIndex);
  const byMeasure = new Map();
  const byFlag = new Map();
  const bySignature = new Map();
  for (const failure of failures) {
    for (const measure of failure.result.verdict.differingMeasures) increment(byMeasure, `${failure.version} ${measure}`);
    const flags = flagNames(failure.testCase);
    for (const flag of flags.length > 0 ? flags : ['(no flag)']) increment(byFlag, `${failure.version} ${flag}`);
    if (!bySignature.has(failure.signature)) bySignature.set(failure.signature, []);
    bySignature.get(failure.signature).push(failure);
  }

  // One minimal reproduction per distinct signature (the first case that showed it, shrunk).
  // Signatures are shrunk in parallel; folder numbers follow the report order, not completion order.
  const signatures = [...bySignature.entries()];
  const distinct = new Array(signatures.length);
  let nextSignature = 0;
  const shrinkWorker = async () => {
    while (nextSignature < signatures.length) {
      const position = nextSignature++;
      const [signature, group] = signatures[position];
      const first = group[0];
      let reproduction = first.testCase;
      if (options.shrink) reproduction = (await shrinkCase(first.testCase, signature, setup, 150)).shrunk;
      const result = await executeCase(reproduction, setup);
      const folder = join(options.out, String(position + 1));
      const summary = result.verdict.equal
        ? saveReproduction(folder, first.testCase, first.result, setup)
        : saveReproduction(folder, reproduction, result, setup);
      distinct[position] = { signature, count: group.length, folder, summary };
    }
  };
  await Promise.all(Array.from({ length: options.jobs }, shrinkWorker));

  console.log(`\n${casesRun} cases in ${elapsedSeconds.toFixed(1)} s (${Math.round((casesRun / elapsedSeconds) * 60)} per minute), ${failures.length} mismatches, ${referenceCrashes} cases where trec_eval itself crashed (skipped), ${referenceUndefined} where its output is documented undefined behaviour (10.0's shared ndcg/dcg/ideal_dcg parameters; skipped)`);
  const byVersion = new Map();
  for (const failure of failures) increment(byVersion, failure.version);
  printTable('mismatches by version:', byVersion);
  printTable('mismatches by measure (stdout lines that differ):', byMeasure);
  printTable('mismatches by flag present in the case:', byFlag);
  if (distinct.length > 0) {
    console.log('\ndistinct discrepancies (version | problems | measures), smallest reproduction:');
    for (const entry of distinct) {
      console.log(`\n[${entry.count}x] ${entry.signature}\n  ${entry.folder}`);
      console.log(entry.summary.split('\n').slice(0, 12).map((line) => `    ${line}`).join('\n'));
    }
  }
  rmSync(scratch, { recursive: true, force: true });
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error) => {
    if (error instanceof UsageError) {
      console.error(`differential-trec-eval: ${error.message}`);
      process.exitCode = 2;
      return;
    }
    throw error;
  },
);
