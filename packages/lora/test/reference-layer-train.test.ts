import { describe, expect, it } from 'vitest';
import { createAdamw, LoraLinear } from '../src/index.js';
import type { Matrix } from '../src/index.js';
import { compare, loadReference, referenceAvailable, referenceSkipMessage, toMatrix } from './reference-math-data.js';
import type { JsonTensor } from './reference-math-data.js';

describe.skipIf(!referenceAvailable)(`PyTorch reference: LoRA layer forward, gradients and AdamW ${referenceSkipMessage}`, () => {
  const reference = referenceAvailable ? loadReference() : (undefined as never);

  function referenceLayer(options: { useRslora?: boolean } = {}): LoraLinear {
    const layer = new LoraLinear({ weight: toMatrix(reference.inputs.W), bias: Float32Array.from(reference.inputs.bias.data) });
    layer.addAdapter('default', { rank: reference.r, alpha: reference.lora_alpha, useRslora: options.useRslora ?? false, a: toMatrix(reference.inputs.A), b: toMatrix(reference.inputs.B) });
    return layer;
  }

  /** L = Σy²/2, so ∂L/∂y = y (make_ref.py). */
  function loss(output: Matrix): number {
    let sum = 0;
    for (const value of output.data) sum += value * value;
    return sum / 2;
  }

  const expectClose = (actual: ArrayLike<number>, expected: JsonTensor | number[], tolerance = { atol: 2e-6, rtol: 2e-6 }, label = ''): void => {
    const values = Array.isArray(expected) ? expected : expected.data;
    const result = compare(actual, values, tolerance);
    expect(result.worstRatio, `${label}: max abs error ${String(result.maxAbsError)}`).toBeLessThanOrEqual(1);
  };

  it('scaling is α/r = 2 and α/√r = 4 (rsLoRA)', () => {
    expect(referenceLayer().adapters.get('default')!.scaling).toBe(reference.scaling);
    expect(referenceLayer({ useRslora: true }).adapters.get('default')!.scaling).toBe(reference.scaling_rslora);
  });

  it('forward equals y_f64 and PyTorch float32 y_f32, the loss equals loss_f64/loss_f32', () => {
    const output = referenceLayer().forward(toMatrix(reference.inputs.x));
    expectClose(output.data, reference.forward.y_f64);
    expectClose(output.data, reference.forward.y_f32);
    expect(Math.abs(loss(output) - reference.forward.loss_f64) / reference.forward.loss_f64).toBeLessThan(1e-6);
    expect(Math.abs(loss(output) - reference.forward.loss_f32) / reference.forward.loss_f32).toBeLessThan(1e-6);
  });

  it('the base path alone equals y_base_f64, the LoRA hidden state x·Aᵀ equals h_xAt_f64, rsLoRA equals y_rslora_f64', () => {
    const layer = referenceLayer();
    layer.setActiveAdapters([]);
    expectClose(layer.forward(toMatrix(reference.inputs.x)).data, reference.forward.y_base_f64);
    // With B = I (r × r embedded) the branch output is s·h: read h back from a probe layer of out = r.
    const x = toMatrix(reference.inputs.x);
    const probe = new LoraLinear({ weight: { rows: reference.r, cols: reference.in_features, data: new Float32Array(reference.r * reference.in_features) } });
    const identity = new Float32Array(reference.r * reference.r);
    for (let index = 0; index < reference.r; index++) identity[index * reference.r + index] = 1;
    probe.addAdapter('probe', { rank: reference.r, alpha: reference.r, a: toMatrix(reference.inputs.A), b: { rows: reference.r, cols: reference.r, data: identity } });
    expectClose(probe.forward(x).data, reference.forward.h_xAt_f64);
    expectClose(referenceLayer({ useRslora: true }).forward(x).data, reference.forward.y_rslora_f64);
  });

  it('backward gives ∂L/∂A, ∂L/∂B and ∂L/∂x equal to the float64 formulas and to PyTorch autograd', () => {
    const layer = referenceLayer();
    const output = layer.forward(toMatrix(reference.inputs.x), { training: true });
    const inputGradient = layer.backward(output);
    const adapter = layer.adapters.get('default')!;
    const gradientTolerance = { atol: 1e-5, rtol: 2e-6 };
    expectClose(adapter.gradA.data, reference.grads.dA_f64, gradientTolerance);
    expectClose(adapter.gradA.data, reference.grads.dA_f32_autograd, gradientTolerance);
    expectClose(adapter.gradB.data, reference.grads.dB_f64, gradientTolerance);
    expectClose(adapter.gradB.data, reference.grads.dB_f32_autograd, gradientTolerance);
    expectClose(inputGradient.data, reference.grads.dx_f64, gradientTolerance);
    expectClose(inputGradient.data, reference.grads.dx_f32_autograd, gradientTolerance);
  });

  it('three AdamW steps on A and B follow torch.optim.AdamW: gradients, A, B, exp_avg and exp_avg_sq after each step', () => {
    const layer = referenceLayer();
    const adapter = layer.adapters.get('default')!;
    const hyper = reference.adamw.hyperparameters;
    const optimizer = createAdamw(
      [
        { name: 'lora_A', value: adapter.a.data, gradient: adapter.gradA.data },
        { name: 'lora_B', value: adapter.b.data, gradient: adapter.gradB.data },
      ],
      { learningRate: hyper.lr, beta1: hyper.beta1, beta2: hyper.beta2, epsilon: hyper.eps, weightDecay: hyper.weight_decay, amsgrad: hyper.amsgrad, maximize: hyper.maximize },
    );
    expect(optimizer.stateBytes).toBe(2 * 4 * (adapter.a.data.length + adapter.b.data.length));
    const x = toMatrix(reference.inputs.x);
    for (const expected of reference.adamw.trajectory_f32) {
      optimizer.zeroGradients();
      const output = layer.forward(x, { training: true });
      expect(Math.abs(loss(output) - expected.loss_before) / expected.loss_before).toBeLessThan(2e-6);
      layer.backward(output);
      expectClose(adapter.gradA.data, expected.grad_A, { atol: 1e-5, rtol: 2e-6 }, `grad_A at step ${String(expected.step)}`);
      expectClose(adapter.gradB.data, expected.grad_B, { atol: 1e-5, rtol: 2e-6 }, `grad_B at step ${String(expected.step)}`);
      optimizer.step();
      expectClose(adapter.a.data, expected.A_after, { atol: 1e-7, rtol: 1e-6 }, `A after step ${String(expected.step)}`);
      expectClose(adapter.b.data, expected.B_after, { atol: 1e-7, rtol: 1e-6 }, `B after step ${String(expected.step)}`);
      expectClose(optimizer.firstMoments[0]!, expected.exp_avg_A, { atol: 1e-6, rtol: 2e-6 }, `exp_avg_A after step ${String(expected.step)}`);
      expectClose(optimizer.secondMoments[0]!, expected.exp_avg_sq_A, { atol: 1e-9, rtol: 1e-5 }, `exp_avg_sq_A after step ${String(expected.step)}`);
      if (expected.step === 1) {
        expectClose(adapter.a.data, reference.adamw.step1_A_f64, { atol: 1e-7, rtol: 1e-6 });
        expectClose(adapter.b.data, reference.adamw.step1_B_f64, { atol: 1e-7, rtol: 1e-6 });
      }
    }
    expect(optimizer.stepCount).toBe(3);
  });
});
