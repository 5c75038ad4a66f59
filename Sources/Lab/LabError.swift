/// What went wrong with a request to the lab, as the HTTP status it is answered with and one
/// sentence for the learner (sent as `{"error": sentence}`).
public enum LabError: Error, Equatable, CustomStringConvertible {
  /// The body is not the JSON the endpoint reads, or a field has the wrong type or value (400).
  case badRequest(String)
  /// No such page, run or file (404).
  case notFound(String)
  /// The path exists but not for this method (405); `allowed` lists the methods it takes.
  case methodNotAllowed(method: String, allowed: [String])
  /// A state-changing request came from another site, or named a host the lab does not serve (403).
  case forbidden(String)
  /// The body is longer than `limit` bytes (413).
  case tooLarge(limit: Int)
  /// A run is already in progress (409); `what` is what it does (a lesson's id, "training on poem.txt").
  case busy(run: Int, what: String)
  /// A generation is already in progress (409).
  case generating
  /// The lab could not start or record a run (500).
  case internalFailure(String)

  /// The HTTP status code.
  public var status: Int {
    switch self {
    case .badRequest: 400
    case .notFound: 404
    case .methodNotAllowed: 405
    case .forbidden: 403
    case .tooLarge: 413
    case .busy, .generating: 409
    case .internalFailure: 500
    }
  }

  public var description: String {
    switch self {
    case .badRequest(let sentence), .notFound(let sentence), .forbidden(let sentence), .internalFailure(let sentence):
      sentence
    case .methodNotAllowed(let method, let allowed):
      "This address does not take \(method); use \(allowed.joined(separator: " or "))."
    case .tooLarge(let limit):
      "The request body is larger than the lab's limit of \(limit) bytes."
    case .busy(let run, let what):
      "Run \(run) (\(what)) is in progress; stop it or wait for it to end before starting another."
    case .generating:
      "A generation is in progress; wait for it to end before asking for another."
    }
  }
}
