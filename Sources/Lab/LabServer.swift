import FlyingFox
import FlyingSocks
import Foundation

/// `workbench serve`: the site and its live panels over HTTP, on `host`:`port` (127.0.0.1 unless
/// the learner chose otherwise), with runs kept under `lab` (`lab/runs/<n>/`) and uploaded texts
/// under `lab/texts/<n>/`.
public final class LabServer: Sendable {
  public let host: String
  public let port: UInt16
  public let routes: LabRoutes
  private let server: HTTPServer

  /// A lab serving `site`, keeping runs in `lab/runs` and texts in `lab/texts`, whose runs are
  /// children of `workbench`; it generates from the lessons' checkpoints in `outputRoot`, the runs'
  /// and `models`.
  /// - Throws: ``LabError/badRequest(_:)`` when `host` is not an IPv4 or IPv6 address.
  public init(
    host: String, port: UInt16, site: URL, lab: URL, outputRoot: URL, models: [URL] = [], workbench: URL, pageArguments: [String] = []
  ) throws(LabError) {
    let address: any SocketAddress
    do {
      address = host.contains(":") ? try sockaddr_in6.inet6(ip6: host, port: port) : try sockaddr_in.inet(ip4: host, port: port)
    } catch {
      throw .badRequest("--host must be an IP address such as 127.0.0.1 or ::1, got '\(host)'.")
    }
    self.host = host
    self.port = port
    let board = RunBoard(runsFolder: lab.appendingPathComponent("runs"), workbench: workbench, pageArguments: pageArguments)
    let routes = LabRoutes(
      site: site, board: board, workbench: workbench, hosts: LabRoutes.hosts(host: host, port: port),
      texts: TextShelf(folder: lab.appendingPathComponent("texts")), checkpoints: CheckpointShelf(outputRoot: outputRoot, models: models))
    self.routes = routes
    // Event streams stay open for as long as a page follows a run: no idle timeout on a connection.
    server = HTTPServer(
      config: .init(address: address, timeout: 3600, logger: .disabled),
      handler: ClosureHTTPHandler { request in await routes.respond(request) })
  }

  /// Whether `host` is a loopback address (anything else is reachable from other machines).
  public static func isLoopback(_ host: String) -> Bool { host == "::1" || host.hasPrefix("127.") }

  /// The address to open in a browser.
  public var address: String { "http://\(host.contains(":") ? "[\(host)]" : host):\(port)/" }

  /// Serves until ``stop()``.
  public func run() async throws { try await server.run() }

  /// Waits until the server accepts connections (and turns off Nagle's algorithm on them).
  public func waitUntilListening() async throws {
    try await server.waitUntilListening()
    ListeningSocketOptions.disableDelay(port: port)
  }

  /// Stops the run in progress (SIGINT, then SIGKILL after 3 s) and the server.
  public func stop() async {
    await routes.board.shutDown()
    await server.stop(timeout: 1)
  }
}
