/// What a run produced (a lesson's, or `train`'s and `finetune`'s): measured metrics, checked
/// claims, plots, tables and history. It is saved by ``RunFolder`` as `metrics.json` (see the
/// contract in the README), `history.csv` and `timings.json`.
public struct RunResult: Sendable, Codable, Equatable {
  /// The lesson id, or the command (`train`, `finetune`) that made the run.
  public var lesson: String
  public var title: String
  public var summary: String
  public var glossaryTerms: [String]
  public var seed: UInt64
  public var quick: Bool
  /// The exact command that reproduces this run and its plots.
  public var command: String
  public var metrics: [Metric]
  public var claims: [Claim]
  public var plots: [PlotRecord]
  /// Animated PNGs (training films) the lesson wrote, each with its frames' steps and labels.
  public var films: [FilmRecord]
  public var tables: [ResultTable]
  /// Text worth printing in the terminal (e.g. generated samples), in order.
  public var notes: [String]
  /// Texts the run produced that narratives quote by name (`{{ sample NAME }}`), such as a model's samples.
  public var samples: [TextSample]
  /// Per-step series for `history.csv`; not part of `metrics.json`.
  public var history: [HistorySeries]
  /// Wall-clock seconds of named phases; machine-dependent, so saved apart in `timings.json`.
  public var timings: [Timing]
  /// Who is told of each claim as it is checked (the run's progress reporter; no one by default).
  public var claimListener = ClaimListener.none

  enum CodingKeys: String, CodingKey {
    case lesson, title, summary, glossaryTerms, seed, quick, command, metrics, claims, plots, films, tables, notes, samples
  }

  /// A result with every field given (tools and tests that write `metrics.json` themselves).
  public init(
    lesson: String, title: String, summary: String, glossaryTerms: [String], seed: UInt64, quick: Bool,
    command: String, metrics: [Metric], claims: [Claim], plots: [PlotRecord], tables: [ResultTable], notes: [String] = []
  ) {
    (self.lesson, self.title, self.summary, self.glossaryTerms, self.seed, self.quick, self.command) =
      (lesson, title, summary, glossaryTerms, seed, quick, command)
    (self.metrics, self.claims, self.plots, self.tables, self.notes) = (metrics, claims, plots, tables, notes)
    films = []; samples = []; history = []; timings = []
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    lesson = try c.decode(String.self, forKey: .lesson)
    title = try c.decode(String.self, forKey: .title)
    summary = try c.decode(String.self, forKey: .summary)
    glossaryTerms = try c.decode([String].self, forKey: .glossaryTerms)
    seed = try c.decode(UInt64.self, forKey: .seed)
    quick = try c.decode(Bool.self, forKey: .quick)
    command = try c.decode(String.self, forKey: .command)
    metrics = try c.decode([Metric].self, forKey: .metrics)
    claims = try c.decode([Claim].self, forKey: .claims)
    plots = try c.decode([PlotRecord].self, forKey: .plots)
    films = try c.decodeIfPresent([FilmRecord].self, forKey: .films) ?? []
    tables = try c.decode([ResultTable].self, forKey: .tables)
    notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
    samples = try c.decodeIfPresent([TextSample].self, forKey: .samples) ?? []
    history = []; timings = []
  }

  /// Records a measured number.
  public mutating func metric(_ name: String, _ value: Double, unit: String) {
    metrics.append(Metric(name: name, value: value, unit: unit))
  }

  /// Checks a claim against measured values, records the outcome and tells the run's progress reporter.
  @discardableResult
  public mutating func claim(_ statement: String, _ holds: Bool, detail: String) -> Bool {
    let claim = Claim(statement: statement, passed: holds, detail: detail)
    claims.append(claim)
    claimListener.handle(claim)
    return holds
  }

  /// Records a text the narrative may quote as `{{ sample name }}`.
  public mutating func sample(_ name: String, _ text: String) {
    samples.append(TextSample(name: name, text: text))
  }

  /// The value of the metric called `name`.
  public func value(of name: String) -> Double? { metrics.first { $0.name == name }?.value }

  /// True when every claim held.
  public var allClaimsHold: Bool { claims.allSatisfy(\.passed) }
}

/// Who a result tells of each claim as it is checked (a lab streaming the run). It is where the
/// result is reported, not part of what was measured: it is never saved, and any two are equal.
public struct ClaimListener: Sendable, Equatable {
  /// Receives each claim.
  public let handle: @Sendable (Claim) -> Void

  public init(_ handle: @escaping @Sendable (Claim) -> Void) { self.handle = handle }

  /// No one.
  public static let none = ClaimListener { _ in }

  public static func == (_: ClaimListener, _: ClaimListener) -> Bool { true }
}

/// A measured number with its unit ("nats", "fraction", "FLOPs", "parameters", …).
public struct Metric: Sendable, Codable, Equatable {
  public var name: String
  public var value: Double
  public var unit: String

  public init(name: String, value: Double, unit: String) { (self.name, self.value, self.unit) = (name, value, unit) }
}

/// A text a run produced (a model's sample, an answer) under the name narratives quote it by.
public struct TextSample: Sendable, Codable, Equatable {
  public var name: String
  public var text: String

  public init(name: String, text: String) { (self.name, self.text) = (name, text) }
}

/// A statement the lesson makes, checked against its own measurements.
public struct Claim: Sendable, Codable, Equatable {
  public var statement: String
  public var passed: Bool
  /// The measured values behind the verdict.
  public var detail: String

  public init(statement: String, passed: Bool, detail: String) {
    (self.statement, self.passed, self.detail) = (statement, passed, detail)
  }
}

/// A PNG the lesson wrote, with what a reader needs to understand it.
public struct PlotRecord: Sendable, Codable, Equatable {
  /// File name inside the lesson's folder.
  public var file: String
  public var title: String
  public var caption: String
  /// Alternative text describing what the image shows.
  public var alt: String

  public init(file: String, title: String, caption: String, alt: String) {
    (self.file, self.title, self.caption, self.alt) = (file, title, caption, alt)
  }
}

/// An animated PNG (a training film) the lesson wrote: its file, what it shows, and one entry per frame.
public struct FilmRecord: Sendable, Codable, Equatable {
  /// File name inside the lesson's folder (an APNG; its first frame is a complete still).
  public var file: String
  public var title: String
  public var caption: String
  /// Alternative text describing what the film shows.
  public var alt: String
  /// The frames in order: the training step each shows and its label (step and loss).
  public var frames: [FilmFrameRecord]

  public init(file: String, title: String, caption: String, alt: String, frames: [FilmFrameRecord]) {
    (self.file, self.title, self.caption, self.alt, self.frames) = (file, title, caption, alt, frames)
  }
}

/// One frame of a film: the training step it was recorded after, and the label shown with it
/// ("step 120 · loss 0.213 nats").
public struct FilmFrameRecord: Sendable, Codable, Equatable {
  public var step: Int
  public var label: String

  public init(step: Int, label: String) { (self.step, self.label) = (step, label) }
}

/// A small table for the terminal and the site.
public struct ResultTable: Sendable, Codable, Equatable {
  public var title: String
  public var columns: [String]
  public var rows: [[String]]

  public init(title: String, columns: [String], rows: [[String]]) {
    (self.title, self.columns, self.rows) = (title, columns, rows)
  }
}

/// One named series of per-step values (e.g. the training loss at lr 0.1).
public struct HistorySeries: Sendable, Equatable {
  public var name: String
  public var steps: [Int]
  /// Column name → one value per step.
  public var values: [(String, [Double])]

  public init(name: String, steps: [Int], values: [(String, [Double])]) {
    precondition(values.allSatisfy { $0.1.count == steps.count })
    (self.name, self.steps, self.values) = (name, steps, values)
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.name == b.name && a.steps == b.steps && a.values.map(\.0) == b.values.map(\.0) && a.values.map(\.1) == b.values.map(\.1)
  }
}

/// Wall-clock seconds of one phase.
public struct Timing: Sendable, Codable, Equatable {
  public var phase: String
  public var seconds: Double

  public init(phase: String, seconds: Double) { (self.phase, self.seconds) = (phase, seconds) }
}
