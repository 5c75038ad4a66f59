/// Work a training loop does between some steps (evaluate, sample, save): `isDue(steps)` says
/// whether it runs once `steps` steps are taken, `perform(steps)` does it.
public struct TrainingHook<Value> {
  public let isDue: (_ steps: Int) -> Bool
  public let perform: (_ steps: Int) throws -> Value

  public init(isDue: @escaping (_ steps: Int) -> Bool, perform: @escaping (_ steps: Int) throws -> Value) {
    self.isDue = isDue
    self.perform = perform
  }

  /// Due every `interval` steps (never when `interval` ≤ 0).
  public init(every interval: Int, perform: @escaping (_ steps: Int) throws -> Value) {
    self.init(isDue: { interval > 0 && $0 % interval == 0 }, perform: perform)
  }
}
