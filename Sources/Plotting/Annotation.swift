/// A text note on a chart with an arrow pointing at a data point, e.g. "diverged".
public struct Annotation: Sendable {
  /// Where the text goes.
  public enum Placement: Sendable, Hashable {
    /// Offset from the pointed-at point in points (1/72 inch), `dy` upwards; flipped if it would leave the plot.
    case offset(dx: Double, dy: Double)
    /// At a data coordinate (text centred there).
    case data(Point)
    /// Chosen automatically: above-right of the point, or wherever stays inside the plot.
    case automatic
  }

  /// The note; "\n" starts a new line.
  public var text: String
  /// The data point the arrow points at.
  public var point: Point
  /// Where the text goes.
  public var placement: Placement
  /// Whether an arrow joins the text to the point.
  public var showsArrow: Bool
  /// Text and arrow colour.
  public var color: Color

  /// A note `text` pointing at `point`.
  public init(
    _ text: String, at point: Point, placement: Placement = .automatic, showsArrow: Bool = true, color: Color = .ink
  ) {
    self.text = text
    self.point = point
    self.placement = placement
    self.showsArrow = showsArrow
    self.color = color
  }
}

/// A horizontal or vertical line across the whole plot at a data value, e.g. "fine-tuning starts".
public struct ReferenceLine: Sendable {
  /// Which way the line runs.
  public enum Orientation: Sendable, Hashable {
    /// A vertical line at an x value.
    case vertical
    /// A horizontal line at a y value.
    case horizontal
  }

  /// Which way the line runs.
  public var orientation: Orientation
  /// The x (vertical) or y (horizontal) value, data units.
  public var value: Double
  /// Text written along the line near its top (vertical) or right end (horizontal), or nil.
  public var label: String?
  /// Line colour.
  public var color: Color
  /// Dash pattern.
  public var dash: LineDash
  /// Width in points.
  public var width: Double

  /// A reference line at `value`.
  public init(
    _ orientation: Orientation, at value: Double, label: String? = nil, color: Color = Color(hex: 0x555555),
    dash: LineDash = .dashed, width: Double = 1
  ) {
    self.orientation = orientation
    self.value = value
    self.label = label
    self.color = color
    self.dash = dash
    self.width = width
  }
}
