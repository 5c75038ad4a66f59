/// One fact of the Northwind fact base: a kind, the entity it is about and its current value
/// (e.g. price · "Kidate" · "$958").
struct Fact: Sendable, Equatable, Hashable {
  /// What the fact says.
  let kind: FactKind
  /// The product, store, region or order number it is about.
  let entity: String
  /// The value an answer must reproduce exactly.
  var value: String

  /// The document that states the fact ("The Kidate costs $958.").
  var document: String { kind.document(entity: entity, value: value) }

  /// The question in phrasing `index` (0..<``FactKind/phrasingCount``).
  func question(_ index: Int) -> String { kind.questions(entity: entity)[index] }

  /// The question every arm is tested on (the held-out phrasing).
  var testQuestion: String { question(FactKind.heldOutPhrasing) }
}
