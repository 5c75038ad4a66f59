import Lessons
import WorkbenchFiles

/// The run panel's controls for every lesson, derived from the one option table
/// (``LessonParameter/all``): each option a lesson takes, with its kind, accepted range, default and help.
public enum LessonControls {
  /// `{"lessons": [{"id": …, "title": …, "options": [{"name": "lr", "kind": "real", "range": "positive", …}]}]}`.
  public static var json: JSONValue {
    .object([
      ("lessons", .array(LessonCatalog.all.map { lesson in
        .object([
          ("id", .string(lesson.id)), ("title", .string(lesson.title)),
          ("options", .array(LessonParameter.all.filter(lesson.acceptedParameters.contains).map(control))),
        ])
      }))
    ])
  }

  static func control(_ option: LessonParameter) -> JSONValue {
    let (range, minimum, maximum): (String, Double, Double?) =
      switch option.range {
      case .positive: ("a positive number", 0, nil)
      case .atLeastOne: ("a whole number of at least 1", 1, nil)
      case .share: ("a share above 0 and at most 1", 0, 1)
      }
    return .object([
      ("name", .string(option.name)), ("flag", .string(option.flag)),
      ("kind", .string(option.kind == .integer ? "integer" : "real")),
      ("range", .string(range)), ("minimum", JSONValue(minimum)), ("maximum", maximum.map(JSONValue.init) ?? .null),
      ("default", option.defaultValue.map(JSONValue.init) ?? .null), ("help", .string(option.helpText)),
    ])
  }
}
