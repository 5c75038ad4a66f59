import Testing
@testable import TrainingCost

@Suite struct TrainingMemoryTests {
  @Test func adamMixedPrecisionIsSixteenBytes() {
    #expect(TrainingMemory.adamMixedPrecisionBytesPerParameter == 2 + 2 + 4 + 4 + 4)
  }

  @Test func fullTrainingOfSeventyBillion() {
    let shape = ModelShape(layers: 80, modelWidth: 8192, contextLength: 2048)
    let memory = TrainingMemory.fullTraining(parameters: 70e9, shape: shape)
    #expect(memory.trainedStateBytes == 1.12e12)
    // 34 × 2048 × 1 × 8192 × 80 = 45,634,027,520 bytes.
    #expect(memory.activationBytes == 45_634_027_520)
    #expect(memory.totalBytes == 1.12e12 + 45_634_027_520)
    // 1,165.6 GB / 80 GB = 14.57 → 15 GPUs; on 192 GB → 7.
    #expect(memory.minimumAccelerators(memoryGB: 80) == 15)
    #expect(memory.minimumAccelerators(memoryGB: 192) == 7)
    let statesOnly = TrainingMemory(frozenWeightBytes: 0, trainedStateBytes: 1.12e12, activationBytes: 0)
    #expect(statesOnly.minimumAccelerators(memoryGB: 80) == 14)
  }

  @Test func bytesPerParameterAndMicroBatchAreConfigurable() {
    let shape = ModelShape(layers: 2, modelWidth: 64, contextLength: 8)
    let memory = TrainingMemory.fullTraining(parameters: 1000, bytesPerParameter: 12, shape: shape, microBatchSequences: 4)
    #expect(memory.trainedStateBytes == 12_000)
    #expect(memory.activationBytes == 34 * 8 * 4 * 64 * 2)
    #expect(memory.minimumAccelerators(memoryGB: 80) == 1)
  }
}
