import Foundation
import Testing

@testable import WorkbenchCommands

/// A mistyped option or subcommand is named with the nearest valid one, as one sentence with exit
/// code 64, before any other complaint the parser has (such as the required option it then misses).
@Suite struct UnknownArgumentTests {
  @Test("the tree walk finds the first unknown word and its nearest valid spelling", arguments: [
    (["cost", "plan", "--parms", "7B"], "'workbench cost plan' has no option '--parms'; did you mean '--params'?"),
    (["trian", "--text", "a.txt"], "'workbench' has no subcommand 'trian'; did you mean 'train'?"),
    (["cost", "plna"], "'workbench cost' has no subcommand 'plna'; did you mean 'plan'?"),
    (["run", "backprop", "--stpes", "3"], "'workbench run' has no option '--stpes'; did you mean '--steps'?"),
    (["run", "backprop", "--zzzzzzzz"], "'workbench run' has no option '--zzzzzzzz'; see 'workbench run --help'."),
  ])
  func finds(arguments: [String], message: String) {
    #expect(UnknownArgument.find(in: arguments, root: Workbench.self)?.message == message)
  }

  @Test("valid command lines have no unknown word", arguments: [
    ["cost", "plan", "--params", "7B", "--domain-tokens", "50M"],
    ["run", "backprop", "training-loop", "--seed", "2", "--quick"],
    ["run", "backprop", "--seed=2"],
    ["generate", "--checkpoint", "x", "--prompt", "--not-an-option-but-a-value"],
    ["glossary", "show", "learning rate"],
    ["--version"],
  ])
  func acceptsValid(arguments: [String]) {
    #expect(UnknownArgument.find(in: arguments, root: Workbench.self) == nil)
  }

  @Test("`workbench cost plan --parms 7B` exits 64 and names --parms and --params")
  func binary() throws {
    let (status, _, stderr) = try CostBinaryTests().run(["cost", "plan", "--parms", "7B"])
    #expect(status == 64)
    #expect(stderr == "error: 'workbench cost plan' has no option '--parms'; did you mean '--params'?\n")
  }
}
