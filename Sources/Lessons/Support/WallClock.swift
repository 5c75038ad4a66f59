/// Measures how long work takes in wall-clock seconds (for `timings.json` only, never for metrics).
enum WallClock {
  /// Runs `body` and returns its result with the elapsed seconds.
  static func measure<R>(_ body: () throws -> R) rethrows -> (result: R, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    let elapsed = clock.now - start
    return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
  }
}
