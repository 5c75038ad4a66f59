/// One reader of the workbench under fuzzing: its name (the corpus folder `Fuzz/Corpus/<name>/`)
/// and the code that feeds it one input. Every reader must either accept the bytes or throw a
/// typed error; a trap, a crash or a sanitizer report is a bug.
enum FuzzTarget: String, CaseIterable {
  /// `SafetensorsFile.decode`: header JSON, offsets, dtypes, shapes, and the data they describe.
  case safetensors
  /// A workbench checkpoint: safetensors, then its `config` and `tokenizer` metadata and the model they make.
  case checkpoint
  /// The training-state file of `workbench train`: safetensors, header JSON, tokenizer, model, LoRA.
  case trainingState = "training-state"
  /// A Hugging Face GPT-2 `config.json`.
  case huggingFaceConfig = "hf-config"
  /// A Hugging Face `tokenizer.json`, and the stored-tokenizer text of a checkpoint.
  case tokenizerJSON = "tokenizer-json"
  /// GPT-2's `vocab.json` and `merges.txt`, in one input separated by the first NUL byte.
  case vocabMerges = "vocab-merges"
  /// A glossary entry (front matter + Markdown), rendered to HTML that must stay free of script.
  case glossaryEntry = "glossary-entry"
  /// The hardware catalogue JSON of `workbench cost --hardware-file`.
  case hardware
  /// A lesson's `metrics.json`, as the site, the measured values and the lessons read it.
  case metrics
  /// The PNG size reader of the site and the PNG chunk parser of the plots.
  case png

  /// Feeds `bytes` to the reader.
  func run(_ bytes: [UInt8]) {
    switch self {
    case .safetensors: FuzzSafetensors.run(bytes)
    case .checkpoint: FuzzCheckpoint.run(bytes)
    case .trainingState: FuzzTrainingState.run(bytes)
    case .huggingFaceConfig: FuzzHuggingFaceConfig.run(bytes)
    case .tokenizerJSON: FuzzTokenizerJSON.run(bytes)
    case .vocabMerges: FuzzVocabMerges.run(bytes)
    case .glossaryEntry: FuzzGlossaryEntry.run(bytes)
    case .hardware: FuzzHardware.run(bytes)
    case .metrics: FuzzMetrics.run(bytes)
    case .png: FuzzPNG.run(bytes)
    }
  }
}
