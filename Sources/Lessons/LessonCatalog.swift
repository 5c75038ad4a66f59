/// Every lesson, in teaching order.
public enum LessonCatalog {
  /// The lessons in the order the tour runs them.
  public static let all: [any Lesson] = [
    TrainingLoopLesson(),
    BackpropLesson(),
    ParametersLesson(),
    PretrainFinetuneLesson(),
    RagVsFinetuneLesson(),
    ScalingLesson(),
    PreferenceTuningLesson(),
  ]

  /// Every lesson's card, one row each, in teaching order.
  public static let cards: [LessonCard] = [
    LessonCard(id: "training-loop", title: "The training loop: five steps, three learning rates", concept: "loss, gradient descent, learning rate", estimatedSeconds: 2.0, glossaryTerms: ["training", "loss-function", "gradient-descent", "learning-rate", "optimizer", "batch"], summary: "A small network is fitted to noisy data with three learning rates: too small creeps, good reaches the noise floor, too large diverges."),
    LessonCard(id: "backprop", title: "Backpropagation: the chain rule made visible", concept: "chain rule, gradients, autodiff", estimatedSeconds: 1.0, glossaryTerms: ["backpropagation", "gradient", "autodiff", "activation-function"], summary: "Every gradient of a small expression is computed by backprop and checked against finite differences, then a 2-16-16-1 network learns to separate two moons."),
    LessonCard(id: "parameters", title: "Parameters: what they are, how many, how much memory", concept: "weights, biases, model size, overfitting", estimatedSeconds: 1.0, glossaryTerms: ["parameters", "weights-and-biases", "quantization", "overfitting", "validation-set"], summary: "Counts every weight and bias of small and published models, shows weights change in training, prices them in memory, and finds the size that overfits."),
    LessonCard(id: "pretrain-finetune", title: "Pre-training and fine-tuning: why teams start from a base model", concept: "pre-training, fine-tuning, LoRA, forgetting", estimatedSeconds: 30.0, glossaryTerms: ["pre-training", "fine-tuning", "lora", "catastrophic-forgetting", "continued-pretraining", "checkpoint", "cross-entropy", "tokens-and-tokenization", "embedding", "attention", "transformer"], summary: "A tiny GPT pre-trained on general English and then fine-tuned on support tickets beats the same model trained from scratch on the tickets; LoRA, training under 5% of the weights, also beats scratch and forgets less general English than a full fine-tune."),
    LessonCard(id: "rag-vs-finetune", title: "Should we train? Nothing, retrieval, or fine-tuning", concept: "RAG versus fine-tuning on new facts", estimatedSeconds: 65.0, glossaryTerms: ["retrieval-augmented-generation", "fine-tuning", "retrieval", "context-window", "hallucination", "lora"], summary: "A tiny GPT that has learnt to read answers questions about a shop's new facts: with nothing, with BM25 retrieval (RAG), and after three kinds of fine-tuning; then 20% of the facts change, and each arm's FLOPs and business-scale price are counted."),
    LessonCard(id: "scaling", title: "Scaling laws: from a CPU to a GPT-3 budget", concept: "scaling laws, compute-optimal size, training cost", estimatedSeconds: 20.0, glossaryTerms: ["scaling-laws", "compute-flops", "compute-optimal-training", "gpu-hours-and-mfu"], summary: "Train a grid of tiny GPTs, fit L(N, D) = E + A/N^α + B/D^β to their losses, and price a GPT-3-sized run with the cost model."),
    LessonCard(id: "preference-tuning", title: "Preference tuning: a reward model and DPO", concept: "RLHF, reward models and DPO", estimatedSeconds: 15.0, glossaryTerms: ["rlhf", "preference-optimisation", "reward-model", "kl-divergence"], summary: "A simulated rater prefers support replies that open with \"Thank you\"; a reward model learns that taste from compared pairs, and DPO makes the model show it far more often, at a measured drift (KL) from the reference."),
  ]

  /// The card of the lesson with `id` (every lesson of ``all`` has one; a test checks it).
  static func card(_ id: String) -> LessonCard {
    guard let card = cards.first(where: { $0.id == id }) else { preconditionFailure("no card for the lesson \(id)") }
    return card
  }

  /// The ids of all lessons.
  public static var ids: [String] { all.map(\.id) }

  /// The lesson with `id`, or an error listing the valid ids.
  public static func lesson(_ id: String) throws -> any Lesson {
    guard let lesson = all.first(where: { $0.id == id }) else {
      throw LessonError.unknownLesson(id, valid: ids)
    }
    return lesson
  }
}
