import { InvalidArgumentError } from '../errors.js';
import { matmulTransposeBInto } from '../kernels/matrix-ops.js';
import { Linear } from '../layers/linear.js';
import { LoraLinear } from '../layers/lora-linear.js';
import type { Random } from '../random/random.js';
import { createRandom } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { cloneMatrix, createMatrix } from '../tensor/matrix.js';
import { createAdamw } from '../train/adamw.js';
import { trainLoop } from '../train/loop.js';
import type { Optimizer, Parameter } from '../train/parameter.js';
import { countParameters } from '../train/parameter.js';

/** Settings of {@link runShiftedTaskDemo}; every field has a default that runs in a few seconds. */
export interface ShiftedTaskDemoOptions {
  /** Seeds the data, the initialisation and the mini-batches (default 2024). */
  readonly seed?: number;
  /** LoRA ranks to compare (default 1, 2, 4, 8, 16). */
  readonly ranks?: readonly number[];
  /** Width of the two hidden layers (default 64). */
  readonly hiddenSize?: number;
  /** Steps of pre-training on the original task (default 1500) and of each adaptation (default 600). */
  readonly pretrainSteps?: number;
  readonly adaptSteps?: number;
  /** Examples per step (default 64). */
  readonly batchSize?: number;
  /** Called after every step of every phase, for a progress bar. */
  readonly onProgress?: (progress: DemoProgress) => void;
  /** A clock in milliseconds (default `performance.now`), injectable for tests. */
  readonly now?: () => number;
}

/** Where the demo is. */
export interface DemoProgress {
  /** `pretrain`, `full`, or `lora r=4`. */
  readonly phase: string;
  readonly completedSteps: number;
  readonly totalSteps: number;
  readonly loss: number;
}

/** One adaptation method's outcome. */
export interface DemoMethodResult {
  /** `full fine-tuning` or `LoRA r=4`. */
  readonly method: string;
  /** The LoRA rank; undefined for full fine-tuning. */
  readonly rank: number | undefined;
  readonly trainableParameters: number;
  /** Bytes of AdamW state (m and v, float32) for the trainable parameters. */
  readonly optimizerStateBytes: number;
  /** Accuracy on the shifted task's test set before and after adaptation. */
  readonly accuracyBefore: number;
  readonly accuracyAfter: number;
  /** Accuracy on the original task's test set after adaptation (how much was forgotten). */
  readonly originalTaskAccuracyAfter: number;
  readonly finalLoss: number;
  readonly milliseconds: number;
}

/** The whole demo's outcome. */
export interface ShiftedTaskDemoResult {
  readonly seed: number;
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly classes: number;
  /** Parameters of the network (all trained during pre-training and full fine-tuning). */
  readonly networkParameters: number;
  /** Accuracy of the pre-trained network on the original task's test set. */
  readonly pretrainedAccuracy: number;
  readonly results: readonly DemoMethodResult[];
}

const inputSize = 16;
const classes = 4;
const teacherHidden = 8;
const trainExamples = 8192;
const testExamples = 2048;

/**
 * Makes the LoRA claim measurable on a small network. A teacher network labels Gaussian inputs into 4 classes (the
 * original task); the shifted task's teacher has a rank-4 change in its first layer, which relabels about a third of
 * the inputs. A 16 → h → h → 4 tanh MLP is pre-trained on the original task with AdamW, then adapted to the shifted
 * task by full fine-tuning and by LoRA (on all three layers, α = 2r, base frozen) at each rank, each from the same
 * pre-trained weights, with the same mini-batches. Deterministic for a seed, except the times.
 *
 * @throws {InvalidArgumentError} for a non-positive rank, size or step count.
 */
export function runShiftedTaskDemo(options: ShiftedTaskDemoOptions = {}): ShiftedTaskDemoResult {
  const seed = options.seed ?? 2024;
  const ranks = options.ranks ?? [1, 2, 4, 8, 16];
  const hiddenSize = options.hiddenSize ?? 32;
  const pretrainSteps = options.pretrainSteps ?? 1000;
  const adaptSteps = options.adaptSteps ?? 400;
  const batchSize = options.batchSize ?? 64;
  for (const [name, value] of [['hiddenSize', hiddenSize], ['pretrainSteps', pretrainSteps], ['adaptSteps', adaptSteps], ['batchSize', batchSize], ...ranks.map((rank) => ['ranks', rank] as const)] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new InvalidArgumentError(name, `${name} must be positive integers, got ${String(value)}`);
  }
  const now = options.now ?? (() => performance.now());
  const random = createRandom(seed);
  const original = createTeacher(random);
  const shifted = shiftTeacher(original, random);
  const trainInputs = gaussianMatrix(trainExamples, inputSize, random);
  const testInputs = gaussianMatrix(testExamples, inputSize, random);
  const data = {
    trainInputs,
    testInputs,
    originalTrain: teacherLabels(original, trainInputs),
    originalTest: teacherLabels(original, testInputs),
    shiftedTrain: teacherLabels(shifted, trainInputs),
    shiftedTest: teacherLabels(shifted, testInputs),
  };
  const totalSteps = pretrainSteps + adaptSteps * (1 + ranks.length);
  let completed = 0;
  const report = (phase: string) => (progress: { loss: number }) => {
    completed++;
    options.onProgress?.({ phase, completedSteps: completed, totalSteps, loss: progress.loss });
  };

  const network = [
    new Linear({ inFeatures: inputSize, outFeatures: hiddenSize, random }),
    new Linear({ inFeatures: hiddenSize, outFeatures: hiddenSize, random }),
    new Linear({ inFeatures: hiddenSize, outFeatures: classes, random }),
  ];
  const pretrainParameters = network.flatMap((layer, index) => layer.parameters(`layers.${String(index)}`));
  train({ layers: network, parameters: pretrainParameters, inputs: trainInputs, labels: data.originalTrain, steps: pretrainSteps, batchSize, learningRate: 1e-2, random: createRandom(seed + 1), onStep: report('pretrain') });
  const pretrainedAccuracy = accuracy(network, testInputs, data.originalTest);
  const accuracyBefore = accuracy(network, testInputs, data.shiftedTest);

  const results: DemoMethodResult[] = [];
  {
    const started = now();
    const copy = network.map((layer) => copyLinear(layer));
    const parameters = copy.flatMap((layer, index) => layer.parameters(`layers.${String(index)}`));
    const run = train({ layers: copy, parameters, inputs: trainInputs, labels: data.shiftedTrain, steps: adaptSteps, batchSize, learningRate: 1e-2, random: createRandom(seed + 2), onStep: report('full') });
    results.push({
      method: 'full fine-tuning',
      rank: undefined,
      trainableParameters: countParameters(parameters),
      optimizerStateBytes: run.optimizer.stateBytes,
      accuracyBefore,
      accuracyAfter: accuracy(copy, testInputs, data.shiftedTest),
      originalTaskAccuracyAfter: accuracy(copy, testInputs, data.originalTest),
      finalLoss: run.finalLoss,
      milliseconds: now() - started,
    });
  }
  for (const rank of ranks) {
    const started = now();
    const initRandom = createRandom(seed + 100 + rank);
    const adapted = network.map((layer) => {
      const lora = new LoraLinear({ weight: cloneMatrix(layer.weight), bias: layer.bias.slice() });
      lora.addAdapter('default', { rank, alpha: 2 * rank, random: initRandom });
      return lora;
    });
    const parameters = adapted.flatMap((layer, index) => {
      const adapter = layer.adapters.get('default')!;
      return [
        { name: `layers.${String(index)}.lora_A`, value: adapter.a.data, gradient: adapter.gradA.data },
        { name: `layers.${String(index)}.lora_B`, value: adapter.b.data, gradient: adapter.gradB.data },
      ];
    });
    const run = train({ layers: adapted, parameters, inputs: trainInputs, labels: data.shiftedTrain, steps: adaptSteps, batchSize, learningRate: 1e-2, random: createRandom(seed + 2), onStep: report(`lora r=${String(rank)}`) });
    results.push({
      method: `LoRA r=${String(rank)}`,
      rank,
      trainableParameters: countParameters(parameters),
      optimizerStateBytes: run.optimizer.stateBytes,
      accuracyBefore,
      accuracyAfter: accuracy(adapted, testInputs, data.shiftedTest),
      originalTaskAccuracyAfter: accuracy(adapted, testInputs, data.originalTest),
      finalLoss: run.finalLoss,
      milliseconds: now() - started,
    });
  }
  return { seed, inputSize, hiddenSize, classes, networkParameters: countParameters(pretrainParameters), pretrainedAccuracy, results };
}

/** A layer of the demo network: `Linear` (trainable) or `LoraLinear` (frozen base). */
interface AffineLayer {
  forward(input: Matrix, options?: { training?: boolean }): Matrix;
  backward(outputGradient: Matrix): Matrix;
}

interface Teacher {
  readonly first: Matrix; // [teacherHidden, inputSize]
  readonly second: Matrix; // [classes, teacherHidden]
}

function createTeacher(random: Random): Teacher {
  return { first: gaussianMatrix(teacherHidden, inputSize, random, 1 / Math.sqrt(inputSize)), second: gaussianMatrix(classes, teacherHidden, random, 1) };
}

/**
 * The shifted task: the original teacher applied to inputs rotated by 90° in a plane the teacher depends on, i.e. its first layer
 * becomes U·R with R − I of rank 2: a change a rank-2 update of the student's first layer can represent exactly.
 */
function shiftTeacher(teacher: Teacher, random: Random): Teacher {
  const [first, second] = orthonormalPair(teacher.first, random);
  const angle = (90 * Math.PI) / 180;
  const cosine = Math.cos(angle);
  const sine = Math.sin(angle);
  // R = I + (cos − 1)(u uᵀ + v vᵀ) + sin (v uᵀ − u vᵀ): rotation by `angle` in the plane of u and v.
  const rotation = createMatrix(inputSize, inputSize);
  for (let i = 0; i < inputSize; i++) {
    for (let j = 0; j < inputSize; j++) {
      const identity = i === j ? 1 : 0;
      rotation.data[i * inputSize + j] = identity + (cosine - 1) * (first[i]! * first[j]! + second[i]! * second[j]!) + sine * (second[i]! * first[j]! - first[i]! * second[j]!);
    }
  }
  const rotated = createMatrix(teacherHidden, inputSize);
  for (let i = 0; i < teacherHidden; i++) {
    for (let j = 0; j < inputSize; j++) {
      let sum = 0;
      for (let t = 0; t < inputSize; t++) sum += teacher.first.data[i * inputSize + t]! * rotation.data[t * inputSize + j]!;
      rotated.data[i * inputSize + j] = sum;
    }
  }
  return { first: rotated, second: teacher.second };
}

/**
 * Two orthonormal vectors in the span of the teacher's first two hidden units' input weights (Gram–Schmidt), plus
 * a little noise, so the rotation moves inputs along directions the teacher looks at.
 */
function orthonormalPair(weights: Matrix, random: Random): [Float64Array, Float64Array] {
  const first = Float64Array.from(weights.data.subarray(0, inputSize), (value) => value + 0.1 * random.normal());
  const second = Float64Array.from(weights.data.subarray(inputSize, 2 * inputSize), (value) => value + 0.1 * random.normal());
  const norm = (vector: Float64Array): number => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
  const firstNorm = norm(first);
  for (let index = 0; index < inputSize; index++) first[index] = first[index]! / firstNorm;
  const projection = first.reduce((sum, value, index) => sum + value * second[index]!, 0);
  for (let index = 0; index < inputSize; index++) second[index] = second[index]! - projection * first[index]!;
  const secondNorm = norm(second);
  for (let index = 0; index < inputSize; index++) second[index] = second[index]! / secondNorm;
  return [first, second];
}

function teacherLabels(teacher: Teacher, inputs: Matrix): Int32Array {
  const hidden = matmulTransposeBInto(createMatrix(inputs.rows, teacherHidden), inputs, teacher.first);
  for (let index = 0; index < hidden.data.length; index++) hidden.data[index] = Math.tanh(hidden.data[index]!);
  const logits = matmulTransposeBInto(createMatrix(inputs.rows, classes), hidden, teacher.second);
  return argmaxRows(logits);
}

function gaussianMatrix(rows: number, cols: number, random: Random, scale = 1): Matrix {
  const matrix = createMatrix(rows, cols);
  random.fillNormal(matrix.data, 0, scale);
  return matrix;
}

function copyLinear(layer: Linear): Linear {
  const copy = new Linear({ inFeatures: layer.weight.cols, outFeatures: layer.weight.rows, random: createRandom(0) });
  copy.weight.data.set(layer.weight.data);
  copy.bias.set(layer.bias);
  return copy;
}

/** Forward through affine layers with tanh between them; returns the logits and the hidden activations. */
function forward(layers: readonly AffineLayer[], input: Matrix, training: boolean): { logits: Matrix; activations: Matrix[] } {
  const activations: Matrix[] = [];
  let current = input;
  layers.forEach((layer, index) => {
    current = layer.forward(current, { training });
    if (index < layers.length - 1) {
      for (let element = 0; element < current.data.length; element++) current.data[element] = Math.tanh(current.data[element]!);
      activations.push(current);
    }
  });
  return { logits: current, activations };
}

function train(run: {
  layers: readonly AffineLayer[];
  parameters: Parameter[];
  inputs: Matrix;
  labels: Int32Array;
  steps: number;
  batchSize: number;
  learningRate: number;
  random: Random;
  onStep: (progress: { loss: number }) => void;
}): { optimizer: Optimizer; finalLoss: number } {
  const optimizer = createAdamw(run.parameters, { learningRate: run.learningRate, weightDecay: 0 });
  const batch = createMatrix(run.batchSize, run.inputs.cols);
  const batchLabels = new Int32Array(run.batchSize);
  const result = trainLoop({
    steps: run.steps,
    optimizer,
    onProgress: run.onStep,
    lossAndGradients: () => {
      for (let row = 0; row < run.batchSize; row++) {
        const example = run.random.integer(run.inputs.rows);
        batch.data.set(run.inputs.data.subarray(example * run.inputs.cols, (example + 1) * run.inputs.cols), row * run.inputs.cols);
        batchLabels[row] = run.labels[example]!;
      }
      const { logits, activations } = forward(run.layers, batch, true);
      const { loss, gradient } = softmaxCrossEntropy(logits, batchLabels);
      let upstream = gradient;
      for (let index = run.layers.length - 1; index >= 0; index--) {
        upstream = run.layers[index]!.backward(upstream);
        const activation = activations[index - 1];
        if (activation !== undefined) {
          for (let element = 0; element < upstream.data.length; element++) {
            const value = activation.data[element]!;
            upstream.data[element] = upstream.data[element]! * (1 - value * value);
          }
        }
      }
      return loss;
    },
  });
  return { optimizer, finalLoss: result.finalLoss };
}

/** Mean cross-entropy of softmax(logits) and its gradient with respect to the logits. */
function softmaxCrossEntropy(logits: Matrix, labels: Int32Array): { loss: number; gradient: Matrix } {
  const { rows, cols } = logits;
  const gradient = createMatrix(rows, cols);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const offset = i * cols;
    let maximum = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < cols; j++) maximum = Math.max(maximum, logits.data[offset + j]!);
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += Math.exp(logits.data[offset + j]! - maximum);
    const label = labels[i]!;
    loss += Math.log(sum) - (logits.data[offset + label]! - maximum);
    for (let j = 0; j < cols; j++) {
      const probability = Math.exp(logits.data[offset + j]! - maximum) / sum;
      gradient.data[offset + j] = (probability - (j === label ? 1 : 0)) / rows;
    }
  }
  return { loss: loss / rows, gradient };
}

function accuracy(layers: readonly AffineLayer[], inputs: Matrix, labels: Int32Array): number {
  const predictions = argmaxRows(forward(layers, inputs, false).logits);
  let correct = 0;
  for (let index = 0; index < labels.length; index++) if (predictions[index] === labels[index]) correct++;
  return correct / labels.length;
}

function argmaxRows(matrix: Matrix): Int32Array {
  const result = new Int32Array(matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    let best = 0;
    for (let j = 1; j < matrix.cols; j++) if (matrix.data[i * matrix.cols + j]! > matrix.data[i * matrix.cols + best]!) best = j;
    result[i] = best;
  }
  return result;
}
