import Foundation
import WorkbenchFiles

/// How a ``CostReport`` is written: an aligned text table, JSON or CSV.
public enum CostOutputFormat: Sendable { case text, json, csv }

/// A table of cost figures as `workbench cost` prints it: the same rows become an aligned text
/// table, JSON or CSV. Cells keep raw numbers for machines and formatted text for people.
public struct CostTable: Sendable {
  /// How a column lines up in text output.
  public typealias Alignment = Table.Alignment

  /// One column: a machine `key` (JSON/CSV), a `header` for people, and where it appears.
  public struct Column: Sendable {
    public let key: String
    public let header: String
    public var alignment: Alignment = .left
    public var inText = true
    public var inMachineOutput = true

    /// A column keyed `key` in JSON/CSV and headed `header` in text.
    public init(key: String, header: String, alignment: Alignment = .left, inText: Bool = true, inMachineOutput: Bool = true) {
      (self.key, self.header, self.alignment, self.inText, self.inMachineOutput) =
        (key, header, alignment, inText, inMachineOutput)
    }

    /// A left-aligned column keyed `key` and headed `header`.
    public static func left(_ key: String, _ header: String) -> Column { Column(key: key, header: header) }

    /// A right-aligned (numeric) column keyed `key` and headed `header`.
    public static func right(_ key: String, _ header: String) -> Column { Column(key: key, header: header, alignment: .right) }
  }

  /// One cell.
  public enum Cell: Sendable {
    /// Text, the same for people and machines.
    case text(String)
    /// A number written for people in `unit`.
    case number(Double, FigureUnit)
    /// A number with its own text for people.
    case custom(Double, String)
    /// A yes/no answer (JSON and CSV `true`/`false`), with the words people see for each.
    case flag(Bool, yes: String, no: String)
    /// No value (JSON `null`, empty in text and CSV).
    case empty

    /// What people read in this cell.
    public var humanText: String {
      switch self {
      case .text(let text): return text
      case .number(let value, let unit): return unit.format(value)
      case .custom(_, let text): return text
      case .flag(let value, let yes, let no): return value ? yes : no
      case .empty: return "—"
      }
    }
  }

  /// One row and, for `--explain`, the formula or assumption behind it.
  public struct Row: Sendable {
    public let cells: [Cell]
    public var explanation: String? = nil

    /// A row of `cells`, explained by `explanation` under `--explain`.
    public init(cells: [Cell], explanation: String? = nil) {
      self.cells = cells
      self.explanation = explanation
    }
  }

  /// Key of the table in JSON output.
  public let key: String
  /// Printed above the table in text output.
  public var title: String? = nil
  public let columns: [Column]
  public var rows: [Row] = []
  /// Assumptions shared by every row, printed with `--explain`.
  public var notes: [String] = []
  /// How many leading text columns name a row in the explanations under the table.
  public var explanationLabelColumns = 1
  /// Whether `--explain` adds a column (short lists of figures) or lines under the table (wide tables).
  public var explanationsInline = false

  /// A table keyed `key` in JSON with `columns` and `rows`.
  public init(
    key: String, title: String? = nil, columns: [Column], rows: [Row] = [], notes: [String] = [],
    explanationLabelColumns: Int = 1, explanationsInline: Bool = false
  ) {
    (self.key, self.title, self.columns, self.rows, self.notes, self.explanationLabelColumns, self.explanationsInline) =
      (key, title, columns, rows, notes, explanationLabelColumns, explanationsInline)
  }

  /// A two-column table of figures (quantity, value), each row explained by its formula.
  public static func figures(key: String, title: String? = nil, leading: [(String, String, String, String)] = [], _ figures: [Figure]) -> CostTable {
    var table = CostTable(
      key: key, title: title,
      columns: [
        Column(key: "key", header: "key", inText: false),
        Column(key: "quantity", header: "quantity"),
        Column(key: "value", header: "value", alignment: .right),
        Column(key: "unit", header: "unit", inText: false),
      ], explanationsInline: true)
    for (machineKey, label, text, basis) in leading {
      table.rows.append(Row(cells: [.text(machineKey), .text(label), .text(text), .empty], explanation: basis))
    }
    for figure in figures {
      table.rows.append(
        Row(
          cells: [.text(figure.key), .text(figure.label), .number(figure.value, figure.unit), .text(figure.unit.rawValue)],
          explanation: figure.basis))
    }
    return table
  }
}

/// Everything one `workbench cost` command prints: one or more tables.
public struct CostReport: Sendable {
  public var tables: [CostTable]

  /// A report of `tables`, printed in order.
  public init(_ tables: [CostTable]) { self.tables = tables }

  /// The report in `format`, with formulas and assumptions when `explain` is set.
  public func rendered(_ format: CostOutputFormat, explain: Bool) -> String {
    switch format {
    case .text: return tables.map { Self.text($0, explain: explain) }.joined(separator: "\n\n")
    case .json: return json(explain: explain)
    case .csv: return tables.map { Self.csv($0, explain: explain) }.joined(separator: "\n\n")
    }
  }

  // MARK: Text

  static func text(_ table: CostTable, explain: Bool) -> String {
    let visible = table.columns.indices.filter { table.columns[$0].inText }
    var headers = visible.map { table.columns[$0].header }
    var alignments = visible.map { table.columns[$0].alignment }
    var body = table.rows.map { row in visible.map { row.cells[$0].humanText } }
    let inline = explain && table.explanationsInline
    if inline {
      headers.append("formula / assumption")
      alignments.append(.left)
      for index in body.indices { body[index].append(table.rows[index].explanation ?? "") }
    }
    var lines: [String] = []
    if let title = table.title { lines.append(title) }
    lines += Table(headers: headers, alignments: alignments, rows: body).textLines
    if explain && !inline {
      let explained = table.rows.filter { $0.explanation != nil }
      if !explained.isEmpty {
        lines.append("")
        lines.append("How each row was computed:")
        for row in explained {
          let label = visible.prefix(table.explanationLabelColumns).map { row.cells[$0].humanText }.joined(separator: " ")
          lines.append("  \(label): \(row.explanation!)")
        }
      }
    }
    if explain && !table.notes.isEmpty {
      lines.append("")
      lines.append("Assumptions:")
      lines += table.notes.map { "  - \($0)" }
    }
    return lines.joined(separator: "\n")
  }

  // MARK: JSON

  public func json(explain: Bool) -> String {
    JSONWriter.document(jsonValue(explain: explain), inlineDepth: 2)
  }

  /// The report as a JSON document: one array of row objects per table, keyed by the table's key,
  /// and with `explain` each row's formula and a `notes` array.
  public func jsonValue(explain: Bool) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = []
    for table in tables {
      let machine = table.columns.indices.filter { table.columns[$0].inMachineOutput }
      let rows = table.rows.map { row -> JSONValue in
        var fields = machine.map { (table.columns[$0].key, Self.jsonValue(row.cells[$0])) }
        if explain { fields.append(("explain", row.explanation.map(JSONValue.string) ?? .null)) }
        return .object(fields)
      }
      members.append((table.key, .array(rows)))
    }
    if explain { members.append(("notes", .array(tables.flatMap(\.notes).map(JSONValue.string)))) }
    return .object(members)
  }

  static func jsonValue(_ cell: CostTable.Cell) -> JSONValue {
    switch cell {
    case .text(let text): return .string(text)
    case .number(let value, _), .custom(let value, _): return JSONValue(value)
    case .flag(let value, _, _): return .bool(value)
    case .empty: return .null
    }
  }

  /// Integers without a fractional part; other values in Swift's shortest round-tripping form.
  static func machineNumber(_ value: Double) -> String { JSONWriter.number(value) }

  // MARK: CSV

  static func csv(_ table: CostTable, explain: Bool) -> String {
    let machine = table.columns.indices.filter { table.columns[$0].inMachineOutput }
    var header = machine.map { Table.csvField(table.columns[$0].key) }
    if explain { header.append("explain") }
    var lines = [header.joined(separator: ",")]
    for row in table.rows {
      var fields = machine.map { index -> String in
        switch row.cells[index] {
        case .text(let text): return Table.csvField(text)
        case .number(let value, _), .custom(let value, _): return machineNumber(value)
        case .flag(let value, _, _): return value ? "true" : "false"
        case .empty: return ""
        }
      }
      if explain { fields.append(Table.csvField(row.explanation ?? "")) }
      lines.append(fields.joined(separator: ","))
    }
    return lines.joined(separator: "\n")
  }
}
