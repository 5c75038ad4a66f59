import Foundation

/// Where one piece of text landed on a figure: its string and its box in device pixels (top-left
/// origin), as the typesetter measured it (line boxes, ascenders and descenders included).
public struct TextBox: Sendable, Hashable {
  public var text: String
  /// Left, top, width and height in device pixels.
  public var x: Double, y: Double, width: Double, height: Double
  var rect: Rect { Rect(x: x, y: y, width: width, height: height) }

  init(text: String, rect: Rect) {
    self.text = text
    (x, y, width, height) = (rect.x, rect.y, rect.width, rect.height)
  }

  /// True when the two boxes share more than `tolerance` pixels in both directions.
  public func overlaps(_ other: TextBox, tolerance: Double = 1) -> Bool {
    let w = min(rect.maxX, other.rect.maxX) - max(rect.minX, other.rect.minX)
    let h = min(rect.maxY, other.rect.maxY) - max(rect.minY, other.rect.minY)
    return w > tolerance && h > tolerance
  }
}

/// The text of one rendered figure: the canvas size and every box drawn on it, in drawing order.
public struct TextLayout: Sendable, Hashable {
  public var width: Int
  public var height: Int
  public var boxes: [TextBox]

  /// Boxes that leave the canvas by more than `tolerance` pixels.
  public func outside(tolerance: Double = 1) -> [TextBox] {
    boxes.filter {
      $0.rect.minX < -tolerance || $0.rect.minY < -tolerance || $0.rect.maxX > Double(width) + tolerance
        || $0.rect.maxY > Double(height) + tolerance
    }
  }

  /// Pairs of boxes that overlap (see ``TextBox/overlaps(_:tolerance:)``).
  public func overlapping(tolerance: Double = 1) -> [(TextBox, TextBox)] {
    var pairs: [(TextBox, TextBox)] = []
    for i in boxes.indices {
      for j in boxes.indices where j > i && boxes[i].overlaps(boxes[j], tolerance: tolerance) {
        pairs.append((boxes[i], boxes[j]))
      }
    }
    return pairs
  }
}

/// Collects the ``TextLayout`` of every figure rendered while it is installed (see
/// ``record(_:)``); the typesetter reports each box it draws, so any figure, through any API that
/// renders it, can be checked for text outside the canvas or on top of other text.
public final class TextLayoutRecorder: @unchecked Sendable {
  private let lock = NSLock()
  private var layouts: [TextLayout] = []

  @TaskLocal static var current: TextLayoutRecorder?

  public init() {}

  /// Runs `body` with this recorder installed for the current task and returns what it rendered.
  public func record<T>(_ body: () throws -> T) rethrows -> (result: T, layouts: [TextLayout]) {
    let result = try TextLayoutRecorder.$current.withValue(self) { try body() }
    return (result, lock.withLock { layouts })
  }

  func begin(width: Int, height: Int) {
    lock.withLock { layouts.append(TextLayout(width: width, height: height, boxes: [])) }
  }

  func add(_ box: TextBox) {
    lock.withLock {
      guard !layouts.isEmpty else { return }
      layouts[layouts.count - 1].boxes.append(box)
    }
  }
}
