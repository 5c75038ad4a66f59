import Foundation

/// One piece of chart text that could not be drawn as given, and how it was made to fit.
public struct FittedText: Sendable, Hashable {
  /// The text as the figure asked for it (before any wrapping or staggering).
  public var text: String
  /// What was done to it: never ``TextFit/asGiven``.
  public var fit: TextFit

  public init(text: String, fit: TextFit) {
    (self.text, self.fit) = (text, fit)
  }
}

/// Collects how the text of the figures rendered while it is installed was fitted (see
/// ``collecting(_:)``); the plotting layer reports each shrunk, wrapped, staggered or dropped text, so
/// ``Figure/save(to:metadata:width:height:scale:)`` can write them into the PNG's metadata.
final class TextFitLog: @unchecked Sendable {
  private let lock = NSLock()
  private var fits: [FittedText] = []

  @TaskLocal static var current: TextFitLog?

  /// Runs `body` with a fresh log installed for the current task and returns what it recorded, in
  /// the order first seen, each (text, fit) once (layout passes may measure a text more than once).
  static func collecting<T>(_ body: () throws -> T) rethrows -> (result: T, fits: [FittedText]) {
    let log = TextFitLog()
    let result = try $current.withValue(log) { try body() }
    return (result, log.lock.withLock { log.fits })
  }

  /// Records that `text` was drawn as `fit` says; text drawn as given is not recorded.
  static func note(_ text: String, _ fit: TextFit) {
    guard fit != .asGiven, let log = current else { return }
    let entry = FittedText(text: text, fit: fit)
    log.lock.withLock {
      if !log.fits.contains(entry) { log.fits.append(entry) }
    }
  }
}
