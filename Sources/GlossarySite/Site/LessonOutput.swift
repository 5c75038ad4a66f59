import Lessons
import WorkbenchFiles

/// What a lesson run left in `output/<lesson-id>/metrics.json`: the lessons' own result type,
/// so the site reads exactly the schema the lessons write.
public typealias LessonOutput = RunResult

/// A table of strings: column headings and rows (each as long as `columns`).
public typealias SiteTable = ResultTable
