import Foundation

/// Turns off Nagle's algorithm (TCP_NODELAY) on the lab's listening socket, so that the
/// connections it accepts (which inherit the option on Linux) send a response's header and body
/// at once: with it on, every reply on a kept-alive connection waited about 40 ms for the browser's
/// delayed acknowledgement.
enum ListeningSocketOptions {
  /// Sets TCP_NODELAY on this process's listening TCP sockets bound to `port`; returns how many.
  @discardableResult
  static func disableDelay(port: UInt16) -> Int {
    var changed = 0
    for descriptor in Int32(3)..<Int32(1024) {
      var listening: Int32 = 0
      var length = socklen_t(MemoryLayout<Int32>.size)
      guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length) == 0, listening != 0 else { continue }
      var address = sockaddr_storage()
      var addressLength = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &addressLength) }
      }
      guard named == 0 else { continue }
      let boundPort: UInt16
      switch Int32(address.ss_family) {
      case AF_INET: boundPort = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) } }
      case AF_INET6: boundPort = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) } }
      default: continue
      }
      guard boundPort == port else { continue }
      var on: Int32 = 1
      if setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 { changed += 1 }
    }
    return changed
  }
}
