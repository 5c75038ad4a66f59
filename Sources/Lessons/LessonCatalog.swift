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
