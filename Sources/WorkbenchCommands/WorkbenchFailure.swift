import ArgumentParser
import Foundation

/// A failure the user can fix, with the one sentence that says how and the exit code
/// from `sysexits.h` that scripts can branch on.
public struct WorkbenchFailure: Error, CustomStringConvertible {
  /// `EX_USAGE`: the command line was wrong.
  public static let usage: Int32 = 64
  /// `EX_DATAERR`: an input file or value was malformed.
  public static let badData: Int32 = 65
  /// `EX_NOINPUT`: an input file does not exist or cannot be read.
  public static let missingInput: Int32 = 66
  /// `EX_CANTCREAT`: an output file or folder cannot be created.
  public static let cannotCreateOutput: Int32 = 73
  /// A check ran and failed (for example a gradient check or a lesson claim).
  public static let checkFailed: Int32 = 1

  /// One sentence for standard error.
  public let message: String
  /// The process exit code.
  public let exitCode: Int32

  public init(_ message: String, exitCode: Int32) {
    self.message = message
    self.exitCode = exitCode
  }

  public var description: String { message }

  /// Maps an error thrown by one of the workbench libraries to a failure with an exit code,
  /// or `nil` when the error is ArgumentParser's own (it prints and exits by itself).
  /// The libraries' exit codes are in `WorkbenchFailure+Libraries.swift`.
  public init?(classifying error: Error) {
    if error is ValidationError || error is CleanExit || error is ExitCode { return nil }
    if String(describing: type(of: error)).hasPrefix("CommandError") { return nil }
    if let code = Self.exitCode(of: error) {
      self.init(String(describing: error), exitCode: code)
      return
    }
    if let error = error as? CocoaError, error.code == .fileNoSuchFile || error.code == .fileReadNoSuchFile {
      self.init(error.localizedDescription, exitCode: Self.missingInput)
      return
    }
    self.init(String(describing: error), exitCode: Self.badData)
  }
}
