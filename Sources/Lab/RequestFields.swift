import WorkbenchFiles

/// The fields of a request's JSON body: an object whose members all have names the endpoint reads.
enum RequestFields {
  /// Refuses (``LabError/badRequest(_:)``) a `body` that is not an object or has a member not in `fields`.
  static func check(_ body: JSONValue, fields: [String]) throws(LabError) {
    guard case .object(let members) = body else {
      throw .badRequest("The request body must be a JSON object, got \(body.kindDescription).")
    }
    if let unknown = members.first(where: { !fields.contains($0.key) }) {
      throw .badRequest("Unknown field '\(unknown.key)'; the fields are \(fields.joined(separator: ", ")).")
    }
  }
}
