import { InvalidArgumentError } from '../errors.js';
import { matmulInto, matmulTransposeAInto, matmulTransposeBInto } from '../kernels/matrix-ops.js';
import type { Random } from '../random/random.js';
import type { Matrix } from '../tensor/matrix.js';
import { assertShape, createMatrix } from '../tensor/matrix.js';
import type { Parameter } from '../train/parameter.js';
import { kaimingUniform } from './init.js';
import { addRowVector } from './lora-linear.js';

/**
 * A fully trainable linear layer y = x·Wᵀ + b (`nn.Linear`), for full fine-tuning and for building small networks.
 * W is `[out, in]`; both W and b are initialised as `nn.Linear` does: U(−1/√in, 1/√in).
 */
export class Linear {
  readonly weight: Matrix;
  readonly bias: Float32Array;
  readonly weightGradient: Matrix;
  readonly biasGradient: Float32Array;
  #input: Matrix | undefined;

  constructor(options: { inFeatures: number; outFeatures: number; random: Random }) {
    const { inFeatures, outFeatures, random } = options;
    this.weight = createMatrix(outFeatures, inFeatures);
    this.bias = new Float32Array(outFeatures);
    kaimingUniform(this.weight.data, { fanIn: inFeatures, random });
    const bound = 1 / Math.sqrt(inFeatures);
    random.fillUniform(this.bias, -bound, bound);
    this.weightGradient = createMatrix(outFeatures, inFeatures);
    this.biasGradient = new Float32Array(outFeatures);
  }

  /** W and b as optimizer parameters (named `<prefix>.weight`, `<prefix>.bias`). */
  parameters(prefix: string): Parameter[] {
    return [
      { name: `${prefix}.weight`, value: this.weight.data, gradient: this.weightGradient.data },
      { name: `${prefix}.bias`, value: this.bias, gradient: this.biasGradient },
    ];
  }

  /**
   * @param input - `[batch, in]`, kept for {@link backward}.
   * @throws {ShapeMismatchError} when the input does not have `in` columns.
   */
  forward(input: Matrix): Matrix {
    assertShape('layer input', input, input.rows, this.weight.cols);
    const output = matmulTransposeBInto(createMatrix(input.rows, this.weight.rows), input, this.weight);
    addRowVector(output, this.bias);
    this.#input = input;
    return output;
  }

  /** Accumulates ∂L/∂W += dyᵀ·x and ∂L/∂b += Σ dy, and returns ∂L/∂x = dy·W. */
  backward(outputGradient: Matrix): Matrix {
    const input = this.#input;
    if (input === undefined) throw new InvalidArgumentError('outputGradient', 'backward() needs a forward() first');
    assertShape('output gradient', outputGradient, input.rows, this.weight.rows);
    matmulTransposeAInto(this.weightGradient, outputGradient, input, { beta: 1 });
    const { rows, cols, data } = outputGradient;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) this.biasGradient[j] = this.biasGradient[j]! + data[i * cols + j]!;
    return matmulInto(createMatrix(input.rows, this.weight.cols), outputGradient, this.weight);
  }
}
