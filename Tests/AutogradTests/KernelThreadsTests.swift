@testable import Autograd
import CKernels
import Foundation
import Synchronization
import Testing

/// The kernels' worker threads (`thread_pool.c` behind `Kernels.parallelFor`): every part runs
/// exactly once, whoever runs it, with many callers at once, with nested calls, and in the
/// kernel family of the caller.
@Suite struct KernelThreadsTests {
  /// Counts how often each part ran.
  final class Tally: @unchecked Sendable {
    let counts: UnsafeMutablePointer<Atomic<Int>>
    let size: Int
    init(_ size: Int) {
      self.size = size
      counts = .allocate(capacity: size)
      for i in 0..<size { (counts + i).initialize(to: Atomic(0)) }
    }
    func mark(_ part: Int) { counts[part].add(1, ordering: .relaxed) }
    var values: [Int] { (0..<size).map { counts[$0].load(ordering: .relaxed) } }
    deinit { counts.deinitialize(count: size); counts.deallocate() }
  }

  @Test("the machine's extra cores become workers (none on one core)")
  func workersStart() {
    #expect(wb_pool_workers() == ProcessInfo.processInfo.activeProcessorCount - 1)
  }

  @Test("every part runs exactly once", arguments: [0, 1, 2, 3, 7, 64, 1000])
  func eachPartOnce(parts: Int) {
    let tally = Tally(Swift.max(parts, 1))
    for _ in 0..<200 { Kernels.parallelFor(parts) { tally.mark($0) } }
    #expect(tally.values == Array(repeating: parts == 0 ? 0 : 200, count: Swift.max(parts, 1)))
  }

  @Test("the pool itself runs jobs and refuses what it cannot take")
  func poolContract() {
    final class Counter { let count = Atomic(0) }
    let counter = Counter()
    let function: wb_part_function = { context, _ in
      Unmanaged<Counter>.fromOpaque(context!).takeUnretainedValue().count.add(1, ordering: .relaxed)
    }
    let context = Unmanaged.passUnretained(counter).toOpaque()
    #expect(wb_pool_run(1, function, context) == 0)
    #expect(wb_pool_run(70_000, function, context) == 0)
    #expect(counter.count.load(ordering: .relaxed) == 0)
    if wb_pool_workers() > 0 {
      // Tests running side by side may own the pool: then it says 0 and runs nothing. Try a while;
      // alone (`swift test --filter KernelThreadsTests`) the first call is taken.
      var ran: Int32 = 0
      let deadline = Date().addingTimeInterval(10)
      while ran == 0 && Date() < deadline {
        ran = wb_pool_run(5, function, context)
        if ran == 0 { usleep(50) }
      }
      #expect(counter.count.load(ordering: .relaxed) == (ran == 1 ? 5 : 0))
    }
  }

  @Test("many callers at once, each with nested parallel parts")
  func concurrentAndNested() {
    let callers = 8, outer = 3, inner = 5, rounds = 100
    let tally = Tally(callers * outer * inner)
    DispatchQueue.concurrentPerform(iterations: callers) { caller in
      for _ in 0..<rounds {
        Kernels.parallelFor(outer) { o in
          Kernels.parallelFor(inner) { i in tally.mark((caller * outer + o) * inner + i) }
        }
      }
    }
    #expect(tally.values == Array(repeating: rounds, count: callers * outer * inner))
  }

  @Test("workers run in the caller's kernel family")
  func familyCarriedOver() {
    let parts = 16
    let seen = UnsafeMutablePointer<Int>.allocate(capacity: parts)
    defer { seen.deallocate() }
    let box = UncheckedSendable(seen)
    for family in KernelFamily.allCases where family.isSupported {
      KernelFamily.$override.withValue(family) {
        Kernels.parallelFor(parts) { part in
          // Long enough that the worker takes some of the parts.
          var x = 0.0
          for i in 0..<20_000 { x += Double(i).squareRoot() }
          box.value[part] = Int(KernelFamily.active.code.rawValue) + (x < 0 ? 1 : 0)
        }
      }
      #expect((0..<parts).map { seen[$0] } == Array(repeating: Int(family.code.rawValue), count: parts))
    }
  }

  @Test("decreasing shares cover the range once, in whole granules, largest first", arguments: [
    (1, 2, 16), (15, 2, 16), (16, 2, 16), (768, 2, 16), (2_304, 2, 16), (50_257, 2, 16), (3_072, 8, 16), (1_000, 1, 16), (100, 3, 1),
  ])
  func decreasingShares(count: Int, threads: Int, granule: Int) {
    let shares = DecreasingShares(count, threads: threads, granule: granule)
    let parts = (0..<shares.count).map { shares[$0] }
    // Contiguous, in order, from 0 to count, none empty.
    #expect(parts.first?.lowerBound == 0 && parts.last?.upperBound == count)
    #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
    #expect(parts.allSatisfy { !$0.isEmpty })
    // Bounds on whole granules (the end excepted); sizes never grow.
    #expect(parts.dropLast().allSatisfy { $0.upperBound % granule == 0 })
    #expect(zip(parts, parts.dropFirst()).allSatisfy { $0.count >= $1.count || $1.upperBound == count })
    if threads == 1 {
      #expect(parts == [0..<count])
    } else {
      // The first part is 1/(2·threads) of the granules; the last ones are one granule each.
      let units = (count + granule - 1) / granule
      #expect(parts[0].count == Swift.min(count, Swift.max(1, units / (2 * threads)) * granule))
      if units >= 2 * threads { #expect(parts.dropLast().last?.count == granule) }
    }
  }
}
