import NeuralNet
import Testing

@testable import WorkbenchCommands

/// Exit codes for errors from the NeuralNet library (checkpoints, configurations, tokenizers).
@Suite struct NeuralNetFailureTests {
  @Test(arguments: [
    (SafetensorsError.fileMissing(path: "/tmp/none.safetensors"), Int32(66)),
    (SafetensorsError.unreadable(path: "/tmp", reason: "it is a folder, not a file"), Int32(66)),
    (SafetensorsError.truncated(path: "m", byteCount: 3), Int32(65)),
    (SafetensorsError.headerNotJSON(path: "m", reason: "r"), Int32(65)),
    (SafetensorsError.duplicateName(path: "m", name: "a"), Int32(65)),
    (SafetensorsError.cannotWrite(path: "/x/m", reason: "the folder /x does not exist"), Int32(73)),
  ])
  func safetensorsErrors(error: SafetensorsError, exitCode: Int32) {
    let failure = WorkbenchFailure(classifying: error)
    #expect(failure?.exitCode == exitCode)
    #expect(failure?.message == error.description)
  }

  @Test func configurationAndTokenizerErrorsAreBadData() {
    #expect(WorkbenchFailure(classifying: ModelConfigurationError.widthNotDivisibleByHeads(width: 10, heads: 3))?.exitCode == 65)
    let tokenizer = WorkbenchFailure(classifying: TokenizerError.unknownCharacter("x", position: 4))
    #expect(tokenizer?.exitCode == 65)
    #expect(
      tokenizer?.message
        == "The character 'x' (U+0078) at position 4 is not in the tokenizer's vocabulary; remove it or encode with a lossy policy.")
  }
}
