/// A binary heap whose `pop` returns the smallest element by `<` (ties: whichever the sift order
/// leaves on top, the same for the same sequence of pushes and pops, so results are deterministic).
struct BinaryHeap<Element: Comparable> {
  private var elements: [Element] = []

  /// Adds `element` (O(log n)).
  mutating func push(_ element: Element) {
    elements.append(element)
    var child = elements.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard elements[child] < elements[parent] else { break }
      elements.swapAt(child, parent)
      child = parent
    }
  }

  /// Removes and returns the smallest element, or nil when the heap is empty (O(log n)).
  mutating func pop() -> Element? {
    guard !elements.isEmpty else { return nil }
    elements.swapAt(0, elements.count - 1)
    let top = elements.removeLast()
    var parent = 0
    while true {
      let left = 2 * parent + 1
      let right = left + 1
      var best = parent
      if left < elements.count, elements[left] < elements[best] { best = left }
      if right < elements.count, elements[right] < elements[best] { best = right }
      if best == parent { break }
      elements.swapAt(parent, best)
      parent = best
    }
    return top
  }
}
