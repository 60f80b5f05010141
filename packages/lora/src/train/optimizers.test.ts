import { describe, expect, it } from 'vitest';
import { createAdamw } from './adamw.js';
import { trainLoop } from './loop.js';
import { createSgd } from './sgd.js';

describe('SGD (torch.optim.SGD semantics)', () => {
  it('plain, weight decay, momentum (first step copies the gradient), dampening and Nesterov follow the documented update', () => {
    const value = Float32Array.from([1, -2]);
    const gradient = Float32Array.from([0.5, 0.25]);
    const optimizer = createSgd([{ name: 'p', value, gradient }], { learningRate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01 });
    // Step 1: d = g + wd·p; buf = d; p −= lr·buf.
    const d1 = [0.5 + 0.01 * 1, 0.25 + 0.01 * -2];
    const p1 = [1 - 0.1 * d1[0]!, -2 - 0.1 * d1[1]!];
    optimizer.step();
    expect(value[0]).toBeCloseTo(p1[0]!, 6);
    expect(value[1]).toBeCloseTo(p1[1]!, 6);
    // Step 2: buf = 0.9·buf + (1 − 0.1)·d.
    const d2 = [0.5 + 0.01 * p1[0]!, 0.25 + 0.01 * p1[1]!];
    const buffer2 = [0.9 * d1[0]! + 0.9 * d2[0]!, 0.9 * d1[1]! + 0.9 * d2[1]!];
    optimizer.step();
    expect(value[0]).toBeCloseTo(p1[0]! - 0.1 * buffer2[0]!, 6);
    expect(value[1]).toBeCloseTo(p1[1]! - 0.1 * buffer2[1]!, 6);
    expect(optimizer.stateBytes).toBe(8);

    const nesterovValue = Float32Array.from([1]);
    const nesterov = createSgd([{ name: 'q', value: nesterovValue, gradient: Float32Array.from([2]) }], { learningRate: 0.5, momentum: 0.5, nesterov: true });
    nesterov.step(); // buf = 2; d = 2 + 0.5·2 = 3; p = 1 − 1.5
    expect(nesterovValue[0]).toBeCloseTo(-0.5, 6);
    expect(() => createSgd([], { learningRate: 0.1, nesterov: true })).toThrow('Nesterov momentum requires a momentum and zero dampening');
  });
});

describe('AdamW options', () => {
  it('amsgrad keeps the running maximum of v, and maximize ascends', () => {
    const value = Float32Array.from([0]);
    const gradient = Float32Array.from([1]);
    const optimizer = createAdamw([{ name: 'p', value, gradient }], { learningRate: 0.1, amsgrad: true, weightDecay: 0 });
    expect(optimizer.stateBytes).toBe(12);
    optimizer.step(); // m̂ = 1, v̂ = 1: p = −0.1·1/(1 + 1e-8)
    expect(value[0]).toBeCloseTo(-0.1, 6);
    gradient[0] = 0; // v decays but v_max keeps 0.001 → the step uses √(0.001)/√(1 − 0.999²)
    optimizer.step();
    const m2 = 0.9 * 0.1;
    const expected = -0.1 - (0.1 / (1 - 0.81)) * (m2 / (Math.sqrt(0.001) / Math.sqrt(1 - 0.999 ** 2) + 1e-8));
    expect(value[0]).toBeCloseTo(expected, 5);
    const up = Float32Array.from([0]);
    createAdamw([{ name: 'p', value: up, gradient: Float32Array.from([1]) }], { learningRate: 0.1, maximize: true }).step();
    expect(up[0]).toBeCloseTo(0.1, 6);
  });
});

describe('trainLoop', () => {
  it('minimises a quadratic, reports progress every step asked, and stops on a non-finite loss', () => {
    const value = Float32Array.from([3]);
    const gradient = new Float32Array(1);
    const optimizer = createSgd([{ name: 'x', value, gradient }], { learningRate: 0.1 });
    const reports: number[] = [];
    const result = trainLoop({
      steps: 50,
      optimizer,
      reportEvery: 10,
      lossAndGradients: () => {
        gradient[0] = gradient[0]! + 2 * value[0]!;
        return value[0]! ** 2;
      },
      onProgress: ({ step }) => reports.push(step),
    });
    expect(reports).toEqual([10, 20, 30, 40, 50]);
    expect(result.finalLoss).toBeLessThan(1e-8);
    expect(result.losses[0]).toBe(9);
    expect(() => trainLoop({ steps: 3, optimizer, lossAndGradients: () => Number.NaN })).toThrow('training diverged: the loss at step 1 is NaN');
  });
});
