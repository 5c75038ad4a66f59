import WorkbenchFiles

extension RunResult {
  /// An empty result for a run of `lesson` with the seed, mode and command of `context`; each claim
  /// it checks is told to the context's progress reporter as it is checked.
  public init(lesson: some Lesson, context: LessonContext) {
    self.init(
      lesson: lesson.id, title: lesson.title, summary: lesson.summary, glossaryTerms: lesson.glossaryTerms, seed: context.seed,
      quick: context.quick, command: context.command, metrics: [], claims: [], plots: [], tables: [])
    let progress = context.progress
    claimListener = ClaimListener { progress.checked($0) }
  }
}
