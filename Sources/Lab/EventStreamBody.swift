import FlyingFox
import FlyingSocks

/// The bytes of an event stream as the HTTP server sends them: each chunk is written as soon as
/// it is yielded (chunked transfer encoding), and the stream ends when its continuation finishes.
struct EventStreamBody: AsyncBufferedSequence, Sendable {
  typealias Element = UInt8

  let chunks: AsyncStream<[UInt8]>

  func makeAsyncIterator() -> Iterator { Iterator(base: chunks.makeAsyncIterator()) }

  struct Iterator: AsyncBufferedIteratorProtocol {
    var base: AsyncStream<[UInt8]>.Iterator
    var pending: ArraySlice<UInt8> = []

    mutating func next() async -> UInt8? {
      guard let buffer = await nextBuffer(suggested: 1) else { return nil }
      return buffer.first
    }

    /// Up to `count` bytes of the current chunk, waiting for the next chunk when none are left.
    mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
      while pending.isEmpty {
        guard let chunk = await base.next() else { return nil }
        pending = chunk[...]
      }
      let taken = pending.prefix(Swift.max(1, count))
      pending = pending.dropFirst(taken.count)
      return taken
    }
  }
}
