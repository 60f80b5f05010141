import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '../errors.js';
import { runShiftedTaskDemo } from './shifted-task-demo.js';

// Demo runs take a second or two each, more on a loaded machine: generous timeouts, one shared run where possible.
const slow = 60_000;

describe('runShiftedTaskDemo', () => {
  const options = { seed: 7, ranks: [1, 2], pretrainSteps: 300, adaptSteps: 150, now: () => 0 };
  let shared: ReturnType<typeof runShiftedTaskDemo> | undefined;
  const sharedRun = (): ReturnType<typeof runShiftedTaskDemo> => (shared ??= runShiftedTaskDemo(options));

  it('is deterministic for a seed and reports every step of every phase', () => {
    const phases = new Set<string>();
    let last = 0;
    const first = runShiftedTaskDemo({
      ...options,
      onProgress: ({ phase, completedSteps, totalSteps }) => {
        phases.add(phase);
        expect(completedSteps).toBe(last + 1);
        last = completedSteps;
        expect(totalSteps).toBe(300 + 150 * 3);
      },
    });
    expect(last).toBe(750);
    expect([...phases]).toEqual(['pretrain', 'full', 'lora r=1', 'lora r=2']);
    expect(first).toEqual(sharedRun());
    expect(runShiftedTaskDemo(options)).toEqual(first);
  }, slow);

  it('counts trainable parameters and AdamW state exactly: full = every weight, LoRA = Σ r·(in + out) over the 3 layers', () => {
    const result = sharedRun();
    // 16 → 32 → 32 → 4 with biases.
    expect(result.networkParameters).toBe(16 * 32 + 32 + 32 * 32 + 32 + 32 * 4 + 4);
    const [full, rankOne, rankTwo] = result.results;
    expect(full).toMatchObject({ method: 'full fine-tuning', rank: undefined, trainableParameters: result.networkParameters, optimizerStateBytes: 8 * result.networkParameters });
    expect(rankOne).toMatchObject({ method: 'LoRA r=1', rank: 1, trainableParameters: 148, optimizerStateBytes: 8 * 148 });
    expect(rankTwo).toMatchObject({ trainableParameters: 296 });
  }, slow);

  it('adapting improves accuracy on the shifted task, which the pre-trained network gets partly wrong', () => {
    const result = sharedRun();
    const before = result.results[0]!.accuracyBefore;
    expect(result.pretrainedAccuracy).toBeGreaterThan(before + 0.1);
    for (const method of result.results) {
      expect(method.accuracyBefore).toBe(before);
      expect(method.accuracyAfter).toBeGreaterThan(before + 0.1);
    }
  }, slow);

  it('rejects a zero rank', () => {
    expect(() => runShiftedTaskDemo({ ranks: [0] })).toThrow(InvalidArgumentError);
  });
});
