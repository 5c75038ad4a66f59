/// The five ways of giving the base model the shop's facts that the lesson compares.
enum KnowledgeArm: String, CaseIterable, Sendable {
  /// (a) The base model, question only.
  case nothing
  /// (b) BM25 puts the top-k documents before the question; the model is unchanged.
  case rag
  /// (c) Full fine-tune on the documents as plain text; question only at test time.
  case fineTuneDocuments = "finetune-documents"
  /// (d) Full fine-tune on the documents plus question–answer pairs in three phrasings.
  case fineTuneAugmented = "finetune-augmented"
  /// (e) LoRA version of (d).
  case lora

  /// Short name for charts.
  var label: String {
    switch self {
    case .nothing: return "(a) nothing"
    case .rag: return "(b) RAG"
    case .fineTuneDocuments: return "(c) fine-tune\ndocuments"
    case .fineTuneAugmented: return "(d) fine-tune\ndocs + Q&A"
    case .lora: return "(e) LoRA\ndocs + Q&A"
    }
  }

  /// One-line name for tables.
  var name: String { label.replacingOccurrences(of: "\n", with: " ") }

  /// True for the arms that change the model's weights.
  var trains: Bool { self != .nothing && self != .rag }
}
