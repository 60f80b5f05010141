/** A BEIR dataset published as a zip by its authors. */
export interface KnownBeirDataset {
  readonly name: string;
  readonly url: string;
  /** The md5 of the zip as the BEIR README publishes it (beir-cellar/beir, "Available Datasets"). */
  readonly md5: string;
}

/** Where the BEIR authors publish the dataset zips. */
export const beirDownloadBase = 'https://public.ukp.informatik.tu-darmstadt.de/thakur/BEIR/datasets/';

// md5 values copied from the table "Available Datasets" of the BEIR README (beir-cellar/beir).
const published: readonly (readonly [string, string])[] = [
  ['msmarco', '444067daf65d982533ea17ebd59501e4'],
  ['trec-covid', 'ce62140cb23feb9becf6270d0d1fe6d1'],
  ['nfcorpus', 'a89dba18a62ef92f7d323ec890a0d38d'],
  ['nq', 'd4d3d2e48787a744b6f6e691ff534307'],
  ['hotpotqa', 'f412724f78b0d91183a0e86805e16114'],
  ['fiqa', '17918ed23cd04fb15047f73e6c3bd9d9'],
  ['arguana', '8ad3e3c2a5867cdced806d6503f29b99'],
  ['webis-touche2020', '46f650ba5a527fc69e0a6521c5a23563'],
  ['cqadupstack', '4e41456d7df8ee7760a7f866133bda78'],
  ['quora', '18fb154900ba42a600f84b839c173167'],
  ['dbpedia-entity', 'c2a39eb420a3164af735795df012ac2c'],
  ['scidocs', '38121350fc3a4d2f48850f6aff52e4a9'],
  ['fever', '5a818580227bfb4b35bb6fa46d9b6c03'],
  ['climate-fever', '8b66f0a9126c521bae2bde127b4dc99d'],
  ['scifact', '5f7d1de60b170fc8027bb7898e2efca1'],
];

/** The public BEIR datasets by name, with their URL and published md5. */
export const knownBeirDatasets: ReadonlyMap<string, KnownBeirDataset> = new Map(
  published.map(([name, md5]) => [name, { name, url: `${beirDownloadBase}${name}.zip`, md5 }]),
);
