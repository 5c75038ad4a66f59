import Autograd
import Testing
@testable import WorkbenchCommands

@Suite struct WorkbenchFailureTests {
  @Test func tensorErrorsAreBadData() {
    let failure = WorkbenchFailure(classifying: TensorError.indexOutOfRange(op: "embedding", index: 99, bound: 96))
    #expect(failure?.exitCode == 65)
    #expect(failure?.message == "embedding: index 99 is outside 0..<96.")
  }
}
