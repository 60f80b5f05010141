export { InvalidArgumentError, LoraError } from './errors.js';
export type { LoraErrorCode } from './errors.js';
export { matrixParameterCount } from './math/parameter-count.js';
export type { MatrixParameterCount, MatrixShape } from './math/parameter-count.js';
export { AdapterFormatError, SafetensorsFormatError } from './errors.js';
export type { SafetensorsRule } from './errors.js';
export { compareForWriting, dtypeBits, dtypeByteSize, isSafetensorsDtype, safetensorsDtypes } from './safetensors/dtypes.js';
export type { SafetensorsDtype } from './safetensors/dtypes.js';
export { maximumHeaderLength, parseSafetensorsHeader, readHeaderLength, shapeElementCount, tensorByteLength } from './safetensors/header.js';
export type { SafetensorsEntry, SafetensorsHeader, SafetensorsSource } from './safetensors/header.js';
export { parseSafetensors } from './safetensors/read.js';
export type { SafetensorsFile } from './safetensors/read.js';
export { isZeroCopyViewable, tensorElementCount, tensorFromTypedArray, tensorView } from './safetensors/tensor.js';
export type { Tensor, TensorTypedArray, TypedArrayByDtype } from './safetensors/tensor.js';
export { layoutFromEntries, planSafetensorsLayout, serializeSafetensors } from './safetensors/write.js';
export type { SafetensorsLayout, TensorCollection, TensorDescription } from './safetensors/write.js';
export {
  bfloat16ArrayToFloat32,
  bfloat16BitsToFloat32,
  float16ArrayToFloat32,
  float16BitsToFloat32,
  float32ArrayToBfloat16,
  float32ArrayToFloat16,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
} from './dtype/half-precision.js';
export { float32ToTensor, isWritableFloatDtype, tensorToFloat32 } from './dtype/tensor-conversion.js';
export type { WritableFloatDtype } from './dtype/tensor-conversion.js';
export { ModelConfigError, NonFiniteMergeError, ShapeMismatchError } from './errors.js';
export { assertShape, cloneMatrix, createMatrix, matrixFromRows, rowRange, transpose, transposeInto } from './tensor/matrix.js';
export type { Matrix } from './tensor/matrix.js';
export { activeKernelSetName, getKernelSet, initWasmKernels, javascriptKernels, setKernelSet, useJavaScriptKernels, useWasmKernels, wasmKernels } from './kernels/kernel-set.js';
export { createWasmKernels, createWasmKernelsAsync } from './kernels/wasm/wasm-kernels.js';
export type { WasmKernelOptions } from './kernels/wasm/wasm-kernel-set.js';
export { wasmSimdSupported } from './kernels/wasm/wasm-module.js';
export type { KernelSet } from './kernels/kernel-set.js';
export type { GemmOperands } from './kernels/gemm-impl.js';
export type { ScaledProductOperands } from './kernels/add-scaled-product-impl.js';
export { addScaledProduct, matmul, matmulInto, matmulTransposeAInto, matmulTransposeBInto } from './kernels/matrix-ops.js';
export type { ProductScale } from './kernels/matrix-ops.js';
export { loraDeltaWeight, loraScaling, mergeLoraInto, unmergeLoraFrom } from './merge/merge.js';
export type { LoraFactors, MergeOptions, ScalingOptions } from './merge/merge.js';
export { combineAdapters } from './merge/combine.js';
export type { CombinedAdapter, CombineOptions, WeightedAdapter } from './merge/combine.js';
export { jacobiSvd } from './svd/jacobi-svd.js';
export type { ThinSvd } from './svd/jacobi-svd.js';
export { truncatedSvd } from './svd/truncated-svd.js';
export type { TruncatedSvd, TruncatedSvdOptions } from './svd/truncated-svd.js';
export { extractLora, extractLoraFromWeights, rankForEnergy } from './svd/extract.js';
export type { ExtractedLora, ExtractLoraOptions } from './svd/extract.js';
export { createRandom } from './random/random.js';
export type { Random } from './random/random.js';
export { kaimingUniform, kaimingUniformBound } from './layers/init.js';
export { LoraLinear } from './layers/lora-linear.js';
export type { InitLoraWeights, LoraAdapter, LoraAdapterOptions } from './layers/lora-linear.js';
export { assertParameters, countParameters } from './train/parameter.js';
export type { Optimizer, Parameter } from './train/parameter.js';
export { createSgd } from './train/sgd.js';
export type { SgdOptions } from './train/sgd.js';
export { createAdamw } from './train/adamw.js';
export type { AdamwOptimizer, AdamwOptions } from './train/adamw.js';
export { trainLoop } from './train/loop.js';
export type { TrainingLoopOptions, TrainingProgress, TrainingResult } from './train/loop.js';
export { adapterConfigToJson, createAdapterConfig, parseAdapterConfig, serializeAdapterConfig } from './peft/adapter-config.js';
export type { AdapterConfigOptions, AdapterConfigSource, LoraAdapterConfig } from './peft/adapter-config.js';
export { isModuleToSave, isTargetedModule, moduleAlpha, moduleRank, moduleScaling, patternValue } from './peft/module-matching.js';
export { adapterFromTensors, adapterStateDict, parseAdapter, peftKeyPrefix, serializeAdapter } from './peft/adapter.js';
export type { AdapterSource, LoraModuleWeights, PeftAdapter } from './peft/adapter.js';
export { entropyEffectiveRank, lowRankSpectrum, numericalRank } from './peft/low-rank-spectrum.js';
export type { LowRankSpectrum } from './peft/low-rank-spectrum.js';
export { summarizeAdapter } from './peft/inspect.js';
export type { AdapterSummary, LoraModuleSummary } from './peft/inspect.js';
export { modelArchitecture, supportedModelTypes } from './math/model-architecture.js';
export type { ModelArchitecture, TargetableModule } from './math/model-architecture.js';
export { loraParameterCount } from './math/lora-parameters.js';
export type { LoraModuleCount, LoraParameterCount, LoraTargetOptions } from './math/lora-parameters.js';
export { bytesPerValue, estimateMemory, nf4BitsPerParameter } from './math/memory.js';
export type { MemoryEstimate, MemoryLine, MemoryOptions, Precision } from './math/memory.js';
export { MergeWorkspace, applyMergeOperations, mergeAdapterIntoSafetensors, planMerge } from './peft/merge-plan.js';
export type { BaseTensorDescription, KeyMapping, MergeOperation, MergePlan } from './peft/merge-plan.js';
export { Linear } from './layers/linear.js';
export { runShiftedTaskDemo } from './demo/shifted-task-demo.js';
export type { DemoMethodResult, DemoProgress, ShiftedTaskDemoOptions, ShiftedTaskDemoResult } from './demo/shifted-task-demo.js';
export { adapterFromExtraction, extractModule, selectExtractionTargets } from './peft/extract-adapter.js';
export type { ExtractedModule, ExtractionSelection, ExtractionSelectionOptions, ExtractionTarget } from './peft/extract-adapter.js';
