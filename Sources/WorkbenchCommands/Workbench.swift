import ArgumentParser
import Autograd
import Foundation

/// The `workbench` command: see how AI models are trained, one measured experiment at a time.
///
/// Every subcommand is thin: it parses and validates its arguments, calls a library,
/// and prints. Errors thrown by the libraries are turned into one sentence on standard
/// error and a conventional exit code by ``WorkbenchFailure``.
public struct Workbench: ParsableCommand {
  public static let configuration = CommandConfiguration(
    commandName: "workbench",
    abstract: "See how AI models are trained: lessons, plots, a glossary and a cost estimator.",
    version: WorkbenchVersion.string,
    subcommands: [
      LessonsList.self,
      Run.self,
      Tour.self,
      Check.self,
      Bench.self,
      Train.self, Finetune.self, Generate.self, Evaluate.self,
      Tokenize.self, Export.self,
      Cost.self,
      PlotsCommand.self,
      GlossaryCommand.self, SiteCommand.self, Serve.self,
    ]
  )

  public init() {}

  /// Parses the command line, runs the chosen subcommand and exits with a conventional code.
  public static func main(_ arguments: [String]? = nil) {
    // Training steps and chart canvases allocate and free megabytes at a time: reuse that memory.
    AllocatorTuning.apply()
    do {
      try KernelFamily.checkEnvironment()
      var command: any ParsableCommand
      do {
        command = try parseAsRoot(arguments)
      } catch {
        // A mistyped option or subcommand is named, with the nearest valid one, before any other
        // complaint the parser has (such as a required option it then misses).
        if let unknown = UnknownArgument.find(in: arguments ?? Array(CommandLine.arguments.dropFirst()), root: Workbench.self) {
          FileHandle.standardError.write(Data("error: \(unknown.message)\n".utf8))
          Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        throw error
      }
      try command.run()
    } catch let failure as WorkbenchFailure {
      FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
      Foundation.exit(failure.exitCode)
    } catch {
      if let failure = WorkbenchFailure(classifying: error) {
        FileHandle.standardError.write(Data("error: \(failure.message)\n".utf8))
        Foundation.exit(failure.exitCode)
      }
      exit(withError: error)
    }
  }
}

/// The version printed by `workbench --version` and written into PNG and checkpoint metadata.
public enum WorkbenchVersion {
  public static let string = "0.1.0"
}
