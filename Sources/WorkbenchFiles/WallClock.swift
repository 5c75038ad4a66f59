/// Measures how long work takes in wall-clock seconds (for timings shown or kept beside a run,
/// never for metrics).
public enum WallClock {
  /// Runs `body` and returns its result with the elapsed seconds.
  public static func measure<R>(_ body: () throws -> R) rethrows -> (result: R, seconds: Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let result = try body()
    return (result, seconds(clock.now - start))
  }

  /// `duration` in seconds.
  public static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
  }
}
