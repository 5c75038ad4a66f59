import NeuralNet

/// Reads GPT-2's `vocab.json` and `merges.txt` from one input: the bytes before the first NUL are the
/// vocabulary, the rest the merges (the corpus files are written that way).
enum FuzzVocabMerges {
  static func run(_ bytes: [UInt8]) {
    let split = bytes.firstIndex(of: 0) ?? bytes.endIndex
    let vocab = Array(bytes[..<split])
    let merges = String(decoding: bytes[min(split + 1, bytes.endIndex)...], as: UTF8.self)
    guard let tokenizer = try? GPT2TokenizerFiles.tokenizer(vocabJSON: vocab, mergesText: merges, source: "vocab.json")
    else { return }
    FuzzTokenizerJSON.exercise(tokenizer)
  }
}
