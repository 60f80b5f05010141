import {
  LoraLinear,
  adapterFromTensors,
  createAdapterConfig,
  createMatrix,
  createRandom,
  matrixParameterCount,
  parseAdapter,
  serializeAdapter,
  serializeAdapterConfig,
  summarizeAdapter,
  tensorFromTypedArray,
} from '@benchline/lora';
import type { Matrix } from '@benchline/lora';

export interface LoraGuideData {
  readonly seed: { readonly full: number; readonly lora: number; readonly fraction: number; readonly reduction: number };
  readonly ranks: { readonly rank: number; readonly lora: number; readonly fraction: number }[];
  readonly layer: {
    readonly inFeatures: number;
    readonly outFeatures: number;
    readonly rank: number;
    readonly alpha: number;
    readonly aAbsMax: number;
    readonly bAbsMax: number;
    readonly initialDifference: number;
    readonly trainedDifference: number;
    readonly mergeDifference: number;
  };
  readonly adapter: {
    readonly configJson: string;
    readonly weightsBytes: number;
    readonly modules: number;
    readonly loraParameters: number;
    readonly scaling: number;
    readonly targetedNames: readonly string[];
    readonly roundTripIdentical: boolean;
  };
}

declare const data: LoraGuideData;
export { data };

function maxAbsDifference(left: Matrix, right: Matrix): number {
  let largest = 0;
  for (let index = 0; index < left.data.length; index++) largest = Math.max(largest, Math.abs((left.data[index] as number) - (right.data[index] as number)));
  return largest;
}

function maxAbs(matrix: Matrix): number {
  return matrix.data.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
}

function randomMatrix(rows: number, cols: number, seed: number): Matrix {
  const random = createRandom(seed);
  const values = new Float32Array(rows * cols);
  for (let index = 0; index < values.length; index++) values[index] = random.normal() * 0.1;
  return createMatrix(rows, cols, values);
}

/** Runs the LoRA guide's examples with `@benchline/lora` at build time. */
export default {
  load(): LoraGuideData {
    const seed = matrixParameterCount({ rows: 10_000, cols: 20_000, rank: 8 });
    const ranks = [1, 2, 4, 8, 16, 32, 64, 128, 256].map((rank) => {
      const count = matrixParameterCount({ rows: 10_000, cols: 20_000, rank });
      return { rank, lora: count.lora, fraction: count.fraction };
    });

    // One small layer: A random (Kaiming uniform), B zero, so the adapted layer starts as the base layer.
    const inFeatures = 16;
    const outFeatures = 12;
    const rank = 4;
    const alpha = 8;
    const weight = randomMatrix(outFeatures, inFeatures, 1);
    const base = new LoraLinear({ weight: createMatrix(outFeatures, inFeatures, weight.data.slice()) });
    const layer = new LoraLinear({ weight: createMatrix(outFeatures, inFeatures, weight.data.slice()) });
    const adapter = layer.addAdapter('default', { rank, alpha, random: createRandom(7) });
    const input = randomMatrix(5, inFeatures, 2);
    const initialDifference = maxAbsDifference(layer.forward(input), base.forward(input));
    const aAbsMax = maxAbs(adapter.a);
    const bAbsMax = maxAbs(adapter.b);
    // Pretend training moved B, then merge W += (α/r)·B·A and compare with the unmerged output.
    adapter.b.data.set(randomMatrix(outFeatures, rank, 3).data);
    const unmerged = layer.forward(input);
    const trainedDifference = maxAbsDifference(unmerged, base.forward(input));
    layer.merge();
    const mergeDifference = maxAbsDifference(layer.forward(input), unmerged);

    // A PEFT adapter for the same layer, written and read back in PEFT's files.
    const config = createAdapterConfig({ r: rank, loraAlpha: alpha, targetModules: ['q_proj'] });
    const modulePath = 'model.layers.0.self_attn.q_proj';
    const peft = adapterFromTensors(config, [
      [`base_model.model.${modulePath}.lora_A.weight`, tensorFromTypedArray('F32', [rank, inFeatures], adapter.a.data.slice())],
      [`base_model.model.${modulePath}.lora_B.weight`, tensorFromTypedArray('F32', [outFeatures, rank], adapter.b.data.slice())],
    ]);
    const files = serializeAdapter(peft);
    const reread = parseAdapter(files.config, files.weights);
    const again = serializeAdapter(reread);
    const summary = summarizeAdapter(reread);
    return {
      seed,
      ranks,
      layer: { inFeatures, outFeatures, rank, alpha, aAbsMax, bAbsMax, initialDifference, trainedDifference, mergeDifference },
      adapter: {
        configJson: serializeAdapterConfig(config),
        weightsBytes: files.weights.byteLength,
        modules: summary.modules.length,
        loraParameters: summary.loraParameters,
        scaling: summary.scaling,
        targetedNames: summary.targetedNames,
        roundTripIdentical: again.config === files.config && again.weights.length === files.weights.length && again.weights.every((byte, index) => byte === files.weights[index]),
      },
    };
  },
};
