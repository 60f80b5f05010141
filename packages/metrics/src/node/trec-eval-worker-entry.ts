// Worker-thread entry of trecEvalFiles (not exported): evaluates one part of a run file.
import { serveTrecEvalPart } from './trec-eval-worker.js';

serveTrecEvalPart();
