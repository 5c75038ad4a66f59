import WorkbenchFiles

/// Reading user rows for the catalogue from a hardware JSON file.
///
/// The file holds an array of objects (or `{"accelerators": [...]}`), one per accelerator:
/// ```json
/// [
///   {"id": "h100-sxm", "price_per_hour": 1.85},
///   {"id": "my-gpu", "name": "Lab GPU", "peak_tflops": 400, "memory_gb": 48,
///    "power_w": 350, "price_per_hour": 0.9, "source": "our purchase order"}
/// ]
/// ```
/// An object whose id is already in the catalogue overrides only the fields it gives; a new id
/// needs `peak_tflops` (dense BF16/FP16, in 10¹² FLOP/s), `memory_gb`, `power_w` and `price_per_hour`.
extension AcceleratorCatalogue {
  /// The keys a hardware-file object may have.
  public static let hardwareFileKeys = ["id", "name", "peak_tflops", "memory_gb", "power_w", "price_per_hour", "source", "intra_node_gb_per_s", "inter_node_gb_per_s"]

  /// Largest hardware file read, in bytes (1 MiB: thousands of accelerators).
  public static let maximumHardwareFileByteCount = 1 << 20
  /// Most accelerator objects one hardware file may list.
  public static let maximumHardwareFileRows = 1_000

  /// This catalogue with the rows of `hardwareJSON` added or overriding; `fileName` is used in
  /// error messages. Throws ``CostError/malformedHardwareFile(file:line:problem:)``.
  public func merging(hardwareJSON: [UInt8], fileName: String) throws(CostError) -> AcceleratorCatalogue {
    guard hardwareJSON.count <= Self.maximumHardwareFileByteCount else {
      throw .malformedHardwareFile(
        file: fileName, line: 1,
        problem: "the file is \(hardwareJSON.count) bytes, more than the limit of \(Self.maximumHardwareFileByteCount) bytes for a hardware file")
    }
    guard hardwareJSON.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
      throw .malformedHardwareFile(
        file: fileName, line: hardwareJSON.count(where: { $0 == 0x0A }) + 1,
        problem: "the file is empty; expected a JSON array of accelerators")
    }
    let root: JSONLocatedValue
    do {
      root = try JSONParser.parseLocated(hardwareJSON)
    } catch {
      throw .malformedHardwareFile(file: fileName, line: error.line, problem: error.reason)
    }
    var elements: [JSONLocatedValue]
    switch root.value {
    case .array:
      elements = root.parts
    case .object(let members) where members.count == 1 && members[0].key == "accelerators":
      guard case .array = members[0].value else {
        throw .malformedHardwareFile(
          file: fileName, line: root.parts[0].line, problem: "\"accelerators\" must be an array of objects")
      }
      elements = root.parts[0].parts
    default:
      throw .malformedHardwareFile(
        file: fileName, line: root.line,
        problem: "expected an array of accelerator objects like [{\"id\": \"h100-sxm\", \"price_per_hour\": 2.0}], found \(root.value.kindDescription)")
    }
    guard elements.count <= Self.maximumHardwareFileRows else {
      throw .malformedHardwareFile(
        file: fileName, line: root.line,
        problem: "the file lists \(elements.count) accelerators, more than the limit of \(Self.maximumHardwareFileRows)")
    }
    var merged = self
    var seen: Set<String> = []
    for element in elements {
      let (givenID, accelerator) = try merged.row(from: element, fileName: fileName)
      guard seen.insert(Self.normalised(givenID)).inserted else {
        throw .malformedHardwareFile(file: fileName, line: element.line, problem: "the id \"\(givenID)\" appears twice")
      }
      merged.upsert(accelerator)
    }
    return merged
  }

  /// The same, for a file read as text.
  public func merging(hardwareJSON: String, fileName: String) throws(CostError) -> AcceleratorCatalogue {
    try merging(hardwareJSON: Array(hardwareJSON.utf8), fileName: fileName)
  }

  /// The id as written in the file, and the row it describes (merged with an existing row).
  private func row(from node: JSONLocatedValue, fileName: String) throws(CostError) -> (String, Accelerator) {
    guard case .object(let members) = node.value else {
      throw .malformedHardwareFile(
        file: fileName, line: node.line, problem: "each accelerator must be an object, found \(node.value.kindDescription)")
    }
    var strings: [String: String] = [:]
    var numbers: [String: Double] = [:]
    for (member, located) in zip(members, node.parts) {
      let line = located.line
      guard Self.hardwareFileKeys.contains(member.key) else {
        throw .malformedHardwareFile(
          file: fileName, line: line,
          problem: "unknown key \"\(member.key)\"; expected one of \(Self.hardwareFileKeys.joined(separator: ", "))")
      }
      guard strings[member.key] == nil, numbers[member.key] == nil else {
        throw .malformedHardwareFile(file: fileName, line: line, problem: "the key \"\(member.key)\" appears twice")
      }
      switch (member.key, member.value) {
      case ("id", .string(let text)), ("name", .string(let text)), ("source", .string(let text)):
        guard !text.trimmingWhitespace().isEmpty else {
          throw .malformedHardwareFile(file: fileName, line: line, problem: "\"\(member.key)\" must not be empty")
        }
        strings[member.key] = text
      case ("id", _), ("name", _), ("source", _):
        throw .malformedHardwareFile(
          file: fileName, line: line, problem: "\"\(member.key)\" must be a string, found \(member.value.kindDescription)")
      case ("price_per_hour", .number(let literal)):
        let value = Double(literal) ?? 0
        guard value >= 0 else {
          throw .malformedHardwareFile(file: fileName, line: line, problem: "\"price_per_hour\" must be zero or more")
        }
        numbers[member.key] = value
      case (_, .number(let literal)):
        let value = Double(literal) ?? 0
        guard value > 0 else {
          throw .malformedHardwareFile(file: fileName, line: line, problem: "\"\(member.key)\" must be greater than zero")
        }
        numbers[member.key] = value
      default:
        throw .malformedHardwareFile(
          file: fileName, line: line, problem: "\"\(member.key)\" must be a number, found \(member.value.kindDescription)")
      }
    }
    guard let id = strings["id"] else {
      throw .malformedHardwareFile(file: fileName, line: node.line, problem: "an accelerator object has no \"id\"")
    }
    let key = Self.normalised(id)
    var row: Accelerator
    if let existing = accelerators.first(where: { Self.normalised($0.id) == key }) {
      row = existing
      row.source = "\(fileName) (overrides \(existing.source))"
    } else {
      let required = ["peak_tflops", "memory_gb", "power_w", "price_per_hour"]
      if let missing = required.first(where: { numbers[$0] == nil }) {
        throw .malformedHardwareFile(
          file: fileName, line: node.line,
          problem: "the new accelerator \"\(id)\" needs \"\(missing)\" (a new id needs \(required.joined(separator: ", ")))")
      }
      row = Accelerator(
        id: id, name: id, peakFLOPS: 0, memoryGB: 0, powerWatts: 0, pricePerHour: 0, source: fileName)
    }
    if let name = strings["name"] { row.name = name }
    if let source = strings["source"] { row.source = source }
    if let tflops = numbers["peak_tflops"] { row.peakFLOPS = tflops * 1e12 }
    if let memory = numbers["memory_gb"] { row.memoryGB = memory }
    if let watts = numbers["power_w"] { row.powerWatts = watts }
    if let price = numbers["price_per_hour"] { row.pricePerHour = price }
    if let intra = numbers["intra_node_gb_per_s"] { row.intraNodeBandwidth = intra * 1e9 }
    if let inter = numbers["inter_node_gb_per_s"] { row.interNodeBandwidth = inter * 1e9 }
    if numbers["intra_node_gb_per_s"] != nil || numbers["inter_node_gb_per_s"] != nil { row.linkSource = fileName }
    return (id, row)
  }
}
