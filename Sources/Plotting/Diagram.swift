/// A box-and-arrow diagram laid out left to right in layers (a small DAG, up to ~40 nodes):
/// e.g. a computation graph whose value nodes show "x1 | data 2.0 | grad -1.5" and whose
/// operation nodes show "*", "+" or "tanh".
///
/// ```swift
/// var graph = Diagram(title: "o = tanh(x1·w1 + b)")
/// let x1 = graph.addNode(["x1", "data 2.0", "grad -1.5"])
/// let times = graph.addNode("*", shape: .circle)
/// graph.connect(x1, to: times)
/// ```
public struct Diagram: Figure, FrameDrawable {
  /// A handle to a node of one diagram.
  public struct NodeID: Hashable, Sendable {
    let index: Int
  }

  /// How a node is drawn.
  public enum NodeShape: Sendable, Hashable {
    /// A rounded box split into fields side by side by vertical rules (graphviz's "record").
    case record
    /// A circle around short text (an operation such as "+").
    case circle
    /// A rounded box with all fields stacked as lines.
    case box
  }

  /// One node: its text fields ("\n" breaks lines inside a field), shape and fill.
  public struct Node: Sendable, Hashable {
    /// The text fields, left to right (stacked for `.box`).
    public var fields: [String]
    /// The outline.
    public var shape: NodeShape
    /// Background colour; nil uses light blue for records and boxes and light orange for circles.
    public var fill: Color?
  }

  /// A directed edge, drawn as an arrow from `from` to `to`.
  public struct Edge: Sendable, Hashable {
    /// The source node.
    public var from: NodeID
    /// The target node.
    public var to: NodeID
    /// Optional text at the middle of the arrow.
    public var label: String?
  }

  /// Text above the diagram.
  public var title: String?
  /// The nodes, in the order added.
  public private(set) var nodes: [Node] = []
  /// The edges, in the order added.
  public private(set) var edges: [Edge] = []

  /// An empty diagram.
  public init(title: String? = nil) {
    self.title = title
  }

  /// Adds a node with `fields` side by side (record) or stacked (box), returning its handle.
  @discardableResult
  public mutating func addNode(_ fields: [String], shape: NodeShape = .record, fill: Color? = nil) -> NodeID {
    nodes.append(Node(fields: fields.isEmpty ? [""] : fields, shape: shape, fill: fill))
    return NodeID(index: nodes.count - 1)
  }

  /// Adds a node showing `text` ("\n" breaks lines), returning its handle.
  @discardableResult
  public mutating func addNode(_ text: String, shape: NodeShape = .box, fill: Color? = nil) -> NodeID {
    addNode([text], shape: shape, fill: fill)
  }

  /// Adds an arrow from `from` to `to`, optionally labelled.
  public mutating func connect(_ from: NodeID, to: NodeID, label: String? = nil) {
    edges.append(Edge(from: from, to: to, label: label))
  }

  /// The image size (pixels) that shows the diagram at full text size, with `scale` pixels per logical
  /// pixel; rendering smaller shrinks the drawing to fit. Throws ``PlotError`` for a missing font or a cycle.
  public func naturalSize(scale: Double = 2) throws -> (width: Int, height: Int) {
    let typesetter = try Typesetter()
    let size = try DiagramRenderer(diagram: self, typesetter: typesetter).naturalSize(theme: Theme(scale: scale))
    return (Int(size.width.rounded(.up)), Int(size.height.rounded(.up)))
  }

  /// Renders `width × height` device pixels at `scale` device pixels per logical pixel (see ``Figure``).
  public func render(width: Int, height: Int, scale: Double) throws -> RGBAImage {
    try renderAlone(width: width, height: height, scale: scale)
  }

  func draw(in frame: Rect, canvas: inout Canvas, typesetter: Typesetter, theme: Theme) throws {
    try DiagramRenderer(diagram: self, typesetter: typesetter).draw(in: frame, theme: theme, canvas: &canvas)
  }
}
