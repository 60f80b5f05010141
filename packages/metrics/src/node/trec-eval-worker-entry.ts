// Worker-thread entry of trecEvalFiles (not exported): parses segments of a run file for the main thread.
import { serveTrecEvalPart } from './trec-eval-worker.js';

serveTrecEvalPart();
