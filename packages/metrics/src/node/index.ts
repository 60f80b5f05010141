import { readFile } from 'node:fs/promises';

/**
 * Reads a UTF-8 text file the way every Benchline reader expects it: a leading byte-order mark is dropped.
 * Node-only; the isomorphic entry point never touches the file system.
 */
export async function readTextFile(path: string): Promise<string> {
  const text = await readFile(path, 'utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
export { loadBeirDataset, readBeirCorpus, readBeirQueries } from './datasets.js';
export type { BeirDataset, LoadBeirDatasetOptions } from './datasets.js';
export { trecEvalFiles } from './trec-eval-files.js';
export type { TrecEvalFiles, TrecEvalFilesOptions } from './trec-eval-files.js';
export { readFileBytes, readQrelsFile, readRunFile, streamTrecRun } from './read-files.js';
export type { RunTopic } from './read-files.js';
export { findTopicBoundary } from './trec-eval-files.js';
export type { TrecEvalWorkerScript } from './trec-eval-files.js';
export { isTrecEvalPartWorker, serveTrecEvalPart } from './trec-eval-worker.js';
export type { PartRequest, PartResponse } from './trec-eval-worker.js';
export { datasetFolder, datasetMarkerFileName, datasetSource, findCachedDataset, knownDatasetNames, resolveCacheDirectory } from './dataset-cache.js';
export type { CacheDirectoryOptions, DatasetSource } from './dataset-cache.js';
export { downloadDataset } from './download-dataset.js';
export type { DownloadDatasetOptions, DownloadedDataset, DownloadProgress } from './download-dataset.js';
export { DatasetDownloadError, extractZipSafely } from './zip-extract.js';
export type { DatasetProblem, ExtractZipOptions } from './zip-extract.js';
