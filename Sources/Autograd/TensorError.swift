/// An error raised by a tensor operation, naming the operation and the shapes involved,
/// so that the user can see which input was wrong.
public enum TensorError: Error, CustomStringConvertible, Equatable {
  /// Two shapes that the operation cannot combine (e.g. `matmul [3, 4] × [5, 2]`).
  case shapeMismatch(op: String, shapes: [[Int]], reason: String)
  /// An index outside `0..<bound` (e.g. a token id beyond the vocabulary).
  case indexOutOfRange(op: String, index: Int, bound: Int)
  /// An argument outside its domain (e.g. a negative dropout probability).
  case invalidArgument(op: String, reason: String)
  /// A loss or gradient that became NaN or infinite, usually from too large a learning rate.
  case nonFinite(op: String, value: Double)

  public var description: String {
    func render(_ shape: [Int]) -> String { "[" + shape.map(String.init).joined(separator: ", ") + "]" }
    switch self {
    case let .shapeMismatch(op, shapes, reason):
      return "\(op): cannot combine shapes \(shapes.map(render).joined(separator: " and ")): \(reason)."
    case let .indexOutOfRange(op, index, bound):
      return "\(op): index \(index) is outside 0..<\(bound)."
    case let .invalidArgument(op, reason):
      return "\(op): \(reason)."
    case let .nonFinite(op, value):
      return "\(op): the value became \(value); lower the learning rate or check the inputs."
    }
  }
}
