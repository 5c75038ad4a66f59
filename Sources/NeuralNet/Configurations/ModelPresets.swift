/// A published model size: its common name, its configuration and where the numbers come from.
public struct ModelPreset<Configuration: Sendable & Equatable>: Sendable, Equatable {
  /// Common name, e.g. `"GPT-2 small"`.
  public var name: String
  /// The sizes.
  public var configuration: Configuration
  /// Where the sizes are published.
  public var source: String

  /// A preset named `name` with `configuration`, citing `source`.
  public init(name: String, configuration: Configuration, source: String) {
    (self.name, self.configuration, self.source) =
      (name, configuration, source)
  }
}

extension GPTConfig {
  // Layer counts and widths: Radford et al. (2019), "Language Models are Unsupervised Multitask
  // Learners", Table 2. Vocabulary 50,257, context 1,024 (n_ctx) and head counts: the `config.json` of the
  // Hugging Face checkpoints `gpt2`, `gpt2-medium`, `gpt2-large`, `gpt2-xl` (OpenAI's released `hparams.json`).
  // The paper's rounded sizes (117M, 345M, 762M, 1542M) differ from the exact counts of the released weights.
  private static let gpt2Source =
    "Radford et al. 2019, Language Models are Unsupervised Multitask Learners, Table 2; head counts, vocab and n_ctx from the released GPT-2 hparams.json / Hugging Face config.json"

  /// GPT-2 small: 12 layers, width 768, 12 heads.
  public static let gpt2Small = GPTConfig(vocabSize: 50257, blockSize: 1024, layerCount: 12, headCount: 12, embeddingWidth: 768)
  /// GPT-2 medium: 24 layers, width 1024, 16 heads.
  public static let gpt2Medium = GPTConfig(vocabSize: 50257, blockSize: 1024, layerCount: 24, headCount: 16, embeddingWidth: 1024)
  /// GPT-2 large: 36 layers, width 1280, 20 heads.
  public static let gpt2Large = GPTConfig(vocabSize: 50257, blockSize: 1024, layerCount: 36, headCount: 20, embeddingWidth: 1280)
  /// GPT-2 XL: 48 layers, width 1600, 25 heads.
  public static let gpt2XL = GPTConfig(vocabSize: 50257, blockSize: 1024, layerCount: 48, headCount: 25, embeddingWidth: 1600)

  /// The four released GPT-2 sizes, smallest first.
  public static let presets: [ModelPreset<GPTConfig>] = [
    ModelPreset(name: "GPT-2 small", configuration: gpt2Small, source: gpt2Source),
    ModelPreset(name: "GPT-2 medium", configuration: gpt2Medium, source: gpt2Source),
    ModelPreset(name: "GPT-2 large", configuration: gpt2Large, source: gpt2Source),
    ModelPreset(name: "GPT-2 XL", configuration: gpt2XL, source: gpt2Source),
  ]
}

extension LlamaConfig {
  /// Llama 2 7B: 32 layers, width 4096, 32 heads (no grouped-query attention), SwiGLU width 11,008,
  /// vocabulary 32,000, context 4,096.
  // Source: Touvron et al. (2023), "Llama 2: Open Foundation and Fine-Tuned Chat Models" (Table 1:
  // context 4k, no GQA for 7B) and the `config.json` of the Hugging Face checkpoint `meta-llama/Llama-2-7b-hf`.
  public static let llama2_7B = LlamaConfig(
    vocabSize: 32000, embeddingWidth: 4096, layerCount: 32, headCount: 32, keyValueHeadCount: 32,
    feedForwardWidth: 11008, contextLength: 4096)

  /// The Llama presets the workbench knows.
  public static let presets: [ModelPreset<LlamaConfig>] = [
    ModelPreset(
      name: "Llama 2 7B", configuration: llama2_7B,
      source:
        "Touvron et al. 2023, Llama 2: Open Foundation and Fine-Tuned Chat Models, Table 1; sizes from the meta-llama/Llama-2-7b-hf config.json"
    )
  ]
}
