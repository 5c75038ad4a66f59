import Autograd

/// The Northwind shop's own facts, generated from the seed: product prices and return windows,
/// store opening times, delivery times and order statuses. None of the entity names occurs in any
/// text the base model was pre-trained on, so every fact is new knowledge for it.
///
/// Facts cycle through the kinds in the order price, return window, opening time, delivery time,
/// order status; the price and return window of a product are consecutive facts about the same
/// product (so a question about a product's price has a second, similar document nearby for the
/// retriever to confuse it with).
struct FactBase: Sendable, Equatable {
  /// The facts, in generation order.
  var facts: [Fact]

  /// `count` facts with fresh names not in `excluded` (the words of the pre-training text).
  init(count: Int, excluding excluded: Set<String>, using generator: inout SplitMix64) {
    var used = excluded
    var facts: [Fact] = []
    var product = ""
    for index in 0..<count {
      let kind = FactKind.allCases[index % FactKind.allCases.count]
      let entity: String
      if kind == .returnWindow, !product.isEmpty {
        entity = product
      } else {
        entity = EntityNames.fresh(for: kind, excluding: used, using: &generator)
        used.insert(entity)
        if kind == .price { product = entity }
      }
      facts.append(Fact(kind: kind, entity: entity, value: kind.randomValue(using: &generator)))
    }
    self.facts = facts
  }

  /// The documents, one per fact, in fact order.
  var documents: [String] { facts.map(\.document) }

  /// The names of all entities.
  var entities: Set<String> { Set(facts.map(\.entity)) }

  /// This fact base with `round(fraction × count)` facts (at least one when `fraction` > 0) given
  /// new values, chosen uniformly without replacement; returns the new base and the changed indices
  /// in ascending order.
  func changing(fraction: Double, using generator: inout SplitMix64) -> (base: FactBase, changed: [Int]) {
    let count = fraction > 0 ? max(1, Int((fraction * Double(facts.count)).rounded())) : 0
    var indices = Array(facts.indices)
    for position in 0..<count {   // partial Fisher–Yates
      indices.swapAt(position, position + generator.corpusIndex(indices.count - position))
    }
    let changed = indices.prefix(count).sorted()
    var result = self
    for index in changed {
      result.facts[index].value = facts[index].kind.changedValue(from: facts[index].value, using: &generator)
    }
    return (result, changed)
  }
}
