import Foundation
import Testing

@testable import Lessons

@Suite("LessonCatalog cards")
struct LessonCardTests {
  @Test("every lesson has exactly one card, in the catalogue's order, and every card a lesson")
  func oneCardPerLesson() {
    #expect(LessonCatalog.cards.map(\.id) == LessonCatalog.all.map(\.id))
    #expect(Set(LessonCatalog.cards.map(\.id)).count == LessonCatalog.cards.count)
    for lesson in LessonCatalog.all { #expect(lesson.card == LessonCatalog.card(lesson.id)) }
  }

  @Test("every card's glossary slug names an entry in glossary/, and its text is filled in")
  func cardsAreComplete() throws {
    let glossary = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../glossary").standardized
    let entries = Set(try FileManager.default.contentsOfDirectory(atPath: glossary.path).map { ($0 as NSString).deletingPathExtension })
    for card in LessonCatalog.cards {
      #expect(!card.title.isEmpty && !card.concept.isEmpty && card.summary.hasSuffix("."), "\(card.id)")
      #expect(card.estimatedSeconds > 0, "\(card.id)")
      for term in card.glossaryTerms { #expect(entries.contains(term), "\(card.id) names \(term)") }
    }
  }
}
