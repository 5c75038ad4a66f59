import ArgumentParser
import Foundation
import Lessons
import Training
import WorkbenchFiles

/// The options `train` and `finetune` share: the text, the output folder, the step budget and the
/// optimiser. Every one is optional so that `--resume` can refuse the ones it would ignore, and so
/// that a recipe (`--config`) sets only the ones the command line does not give.
struct TrainingCommandOptions: ParsableArguments {
  @Option(help: "A recipe: a YAML file of these options, keys named as the long options (steps: 500); options given here override it.")
  var config: String?
  @Option(parsing: .upToNextOption, help: "UTF-8 text files to train on (joined in order).") var text: [String] = []
  @Option(help: "Output folder for checkpoint.safetensors, loss.png, history.csv, metrics.json.") var output: String?
  @Option(help: "Optimiser steps (default 500 for train, 200 for finetune).") var steps: Int?
  @Option(help: "Train for this many minutes instead of a number of steps.") var minutes: Double?
  @Option(help: "Peak learning rate (default 2e-3 for train, 1e-3 for finetune with LoRA, 3e-4 for full finetune).") var lr: Double?
  @Option(help: "Sequences per step (default 16).") var batch: Int?
  @Option(help: "Seed of the generator that draws the batches (and initialises new weights).") var seed: UInt64?
  @Option(help: "Share of the text, at its end, held out for the validation loss (default 0.1).") var validationFraction: Double?
  @Option(help: "A separate text to measure the validation loss on; all of --text is then trained on.") var validationText: String?
  @Option(help: "Steps between validation losses and checkpoint saves (default 50); the best model is kept as best.safetensors.")
  var evalEvery: Int?
  @Option(help: "Stop after this many evaluations in a row without a lower validation loss.") var earlyStop: Int?
  @Option(help: "Micro-batches per optimizer step (gradient accumulation); must divide --batch.") var accumulate: Int?
  @Option(help: "Steps between printed samples (default 200; 0: none).") var sampleEvery: Int?
  @Option(help: "Where to log besides history.csv: csv (nowhere else, the default) or tensorboard (also an event file).") var log: String?
  @Option(
    help: "Copies of the model that share every batch, one thread each (data parallelism; under mpirun the processes are the copies).")
  var replicas: Int?
  @Option(help: "Continue the stopped run in this output folder with its saved options.") var resume: String?
  @Flag(help: "Print only the run's progress, held-out losses, samples and saves as JSON lines (what `workbench serve` reads).")
  var events = false

  /// Names of the options given besides `--resume`.
  var givenWithResume: [String] {
    var names: [String] = []
    if config != nil { names.append("--config") }
    if !text.isEmpty { names.append("--text") }
    if output != nil { names.append("--output") }
    if steps != nil { names.append("--steps") }
    if minutes != nil { names.append("--minutes") }
    if lr != nil { names.append("--lr") }
    if batch != nil { names.append("--batch") }
    if seed != nil { names.append("--seed") }
    if validationFraction != nil { names.append("--validation-fraction") }
    if validationText != nil { names.append("--validation-text") }
    if evalEvery != nil { names.append("--eval-every") }
    if earlyStop != nil { names.append("--early-stop") }
    if accumulate != nil { names.append("--accumulate") }
    if log != nil { names.append("--log") }
    if sampleEvery != nil { names.append("--sample-every") }
    if replicas != nil { names.append("--replicas") }
    return names
  }

  /// Checks each value, with one sentence per problem; `others` are the command's own options given with `--resume`.
  func check(others: [String]) throws {
    if resume != nil {
      let given = givenWithResume + others
      guard given.isEmpty else {
        throw ValidationError("--resume continues a run with its saved options; drop \(given.joined(separator: ", ")).")
      }
      return
    }
    // A recipe's options are checked once it is read and merged (`RecipeCommand.withRecipe()`):
    // a missing recipe is exit 66, which a check here could not give.
    if config != nil { return }
    guard !text.isEmpty else { throw ValidationError("Give the text to train on with --text FILE (one or more files).") }
    guard output != nil else { throw ValidationError("Give an output folder with --output DIR.") }
    if let steps, steps < 1 { throw ValidationError("--steps must be at least 1, got \(steps).") }
    if let minutes, !(minutes.isFinite && minutes > 0) { throw ValidationError("--minutes must be a positive number, got \(minutes).") }
    if steps != nil && minutes != nil { throw ValidationError("Give --steps or --minutes, not both.") }
    if let lr, !(lr.isFinite && lr > 0 && lr < 1) { throw ValidationError("--lr must be a positive number below 1, got \(lr).") }
    if let batch, !(1...4096).contains(batch) { throw ValidationError("--batch must be between 1 and 4096, got \(batch).") }
    if let fraction = validationFraction, !(fraction > 0 && fraction <= 0.5) {
      throw ValidationError("--validation-fraction must be above 0 and at most 0.5, got \(fraction).")
    }
    if validationText != nil && validationFraction != nil {
      throw ValidationError("Give --validation-text or --validation-fraction, not both: a validation text is held out whole.")
    }
    if let evalEvery, evalEvery < 1 { throw ValidationError("--eval-every must be at least 1, got \(evalEvery).") }
    if let earlyStop, earlyStop < 1 {
      throw ValidationError("--early-stop must be at least 1 (evaluations without improvement before stopping), got \(earlyStop).")
    }
    if let log, TrainingOptions.LogFormat(rawValue: log) == nil {
      throw ValidationError("--log must be csv or tensorboard, got '\(log)'.")
    }
    if let accumulate {
      let batch = self.batch ?? 16
      guard accumulate >= 1 else { throw ValidationError("--accumulate must be at least 1, got \(accumulate).") }
      guard batch % accumulate == 0 else {
        let divisors = (1...batch).filter { batch % $0 == 0 }
        let nearest = divisors.min { abs($0 - accumulate) < abs($1 - accumulate) }!
        throw ValidationError(
          "--accumulate \(accumulate) must divide --batch \(batch) into equal micro-batches; the nearest that does is \(nearest).")
      }
    }
    if let replicas, !(1...256).contains(replicas) { throw ValidationError("--replicas must be between 1 and 256, got \(replicas).") }
    if let replicas, replicas > 1, let accumulate, accumulate > 1 {
      throw ValidationError(TrainingError.accumulationWithCopies(accumulate: accumulate, copies: replicas).description)
    }
    if let sampleEvery, sampleEvery < 0 { throw ValidationError("--sample-every must be 0 (no samples) or more, got \(sampleEvery).") }
  }

  /// The run's options with this command's defaults; with `group`, its processes are the copies of the model.
  /// - Throws: a usage failure when `--replicas`, `--minutes` or `--early-stop` contradicts the group, when
  ///   `--accumulate` meets several copies, or when the batch does not split.
  func trainingOptions(
    defaultSteps: Int, defaultRate: Double, lora: TrainingOptions.LoRAOptions?, group: (any ProcessGroup)? = nil
  ) throws -> TrainingOptions {
    var copies = replicas ?? 1
    if let group {
      if let replicas, replicas != group.size {
        throw WorkbenchFailure(
          "--replicas \(replicas) differs from the \(group.size) processes mpirun started; drop --replicas (the processes are the copies).",
          exitCode: WorkbenchFailure.usage)
      }
      if minutes != nil {
        throw WorkbenchFailure(
          "--minutes cannot bound a run over several processes (their clocks could end them at different steps); give --steps.",
          exitCode: WorkbenchFailure.usage)
      }
      if earlyStop != nil { throw WorkbenchFailure(TrainingError.earlyStopAcrossProcesses.description, exitCode: WorkbenchFailure.usage) }
      copies = group.size
    }
    let batchSize = batch ?? 16
    guard batchSize % copies == 0 else { throw TrainingError.batchNotDivisible(batch: batchSize, copies: copies) }
    if let accumulate, accumulate > 1, copies > 1 {
      throw WorkbenchFailure(
        TrainingError.accumulationWithCopies(accumulate: accumulate, copies: copies).description, exitCode: WorkbenchFailure.usage)
    }
    return TrainingOptions(
      steps: minutes == nil ? (steps ?? defaultSteps) : nil, minutes: minutes, batchSize: batchSize, learningRate: lr ?? defaultRate,
      seed: seed ?? 1, evaluationInterval: evalEvery ?? 50, sampleInterval: sampleEvery ?? 200, lora: lora, earlyStop: earlyStop,
      accumulate: accumulate, log: log.flatMap(TrainingOptions.LogFormat.init(rawValue:)), replicas: copies > 1 ? copies : nil)
  }

  /// The options a recipe can set, named as the long options.
  static var recipeKeys: [RecipeKey<TrainingCommandOptions>] {
    [
      .paths("text", \.text), .text("output", \.output), .integer("steps", \.steps), .number("minutes", \.minutes),
      .number("lr", \.lr), .integer("batch", \.batch), .seed("seed", \.seed), .number("validation-fraction", \.validationFraction),
      .text("validation-text", \.validationText), .integer("eval-every", \.evalEvery), .integer("early-stop", \.earlyStop),
      .integer("accumulate", \.accumulate), .integer("sample-every", \.sampleEvery), .text("log", \.log),
      .integer("replicas", \.replicas),
    ]
  }

  /// `path` as an absolute path without `.` and `..` (relative paths are relative to the working
  /// directory): what a run records, so that its files and its kept recipe name the same file from any folder.
  static func absolute(_ path: String) -> String { URL(fileURLWithPath: path).standardizedFileURL.path }

  /// The command line that starts this run, for the `Source` of `loss.png`.
  static func commandLine() -> String {
    (["workbench"] + CommandLine.arguments.dropFirst()).map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
  }
}

/// Running a `TrainingRun` from a command: Ctrl-C handling, the printer, and the closing lines.
enum TrainingSession {
  /// The processes this one trains with when an MPI launcher started it, nil otherwise.
  /// - Throws: a usage failure saying how to build with MPI when the launcher started a build without it.
  static func joinLauncherGroup(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> (any ProcessGroup)? {
    guard ProcessGroupLauncher.startedByLauncher(environment: environment) else { return nil }
    guard let join = ProcessGroupLauncher.join else {
      throw WorkbenchFailure("mpirun started this process, but \(ProcessGroupLauncher.buildHint).", exitCode: WorkbenchFailure.usage)
    }
    return try join()
  }

  /// Starts `command` (`train` or `finetune`): continues the run `common.resume` names, or starts the
  /// one `request` describes in the launcher's group (keeping its recipe; `recipe` is the path of the
  /// recipe it was started from, or nil), and runs it to its end or to Ctrl-C.
  static func start(
    _ command: String, common: TrainingCommandOptions, recipe: String?,
    request: (_ group: (any ProcessGroup)?) throws -> TrainingRequest
  ) throws {
    let group = try joinLauncherGroup()
    if let resume = common.resume {
      try execute(try TrainingRun.resume(from: URL(fileURLWithPath: resume)), command: command, group: group, events: common.events)
      return
    }
    let request = try request(group)
    try KeptRecipe.checkKeeping(in: request.folder, startedFrom: recipe)
    let run = try TrainingRun.start(request)
    if (group?.rank ?? 0) == 0 { try KeptRecipe.write(request, command: command) }
    try execute(run, command: command, group: group, events: common.events)
  }

  /// Runs `run` to its end or to Ctrl-C; prints where the files are, or how to resume and exits with 130.
  /// In a `group`, only rank 0 prints, and the group is left at the end.
  static func execute(_ run: TrainingRun, command: String, group: (any ProcessGroup)? = nil, events: Bool = false) throws {
    do {
      try execute(run, command: command, group: group, talks: (group?.rank ?? 0) == 0, events: events)
    } catch let error as ProcessGroupError {
      // Leaving the group would wait for the process that is gone.
      throw error
    } catch {
      group?.finish()
      throw error
    }
    group?.finish()
  }

  private static func execute(_ run: TrainingRun, command: String, group: (any ProcessGroup)?, talks: Bool, events: Bool) throws {
    // mpirun ends a job with SIGCONT, SIGTERM, then SIGKILL: in a group the first two ask for the stop too.
    InterruptSignal.install(launcherEndsJob: group != nil)
    if events {
      EventLines.prepareTraining()
      try executeWithEvents(run, command: command, group: group, talks: talks)
      return
    }
    let printer = TrainingPrinter(estimateWindows: run.setup.options.evaluationWindows)
    let what = run.setup.kind == .train ? "Training" : "Fine-tuning"
    let copies = run.setup.options.copies
    let parallel =
      copies == 1 ? "" : group != nil ? "; every batch split among \(copies) processes" : "; every batch split among \(copies) replicas"
    if talks {
      printer.printLine(
        "\(what) \(run.model.trainableParameterCount) of \(run.model.parameterCount) parameters on \(run.data.split.training.count) tokens "
          + "(\(run.data.split.validation.count) held out), context \(run.model.config.blockSize), vocabulary \(run.tokenizer.vocabularySize)"
          + parallel + (run.step > 0 ? "; resuming after step \(run.step)" : ""))
    }
    var observer: any TrainingObserver = talks ? printer : EventHandler { _ in }
    if talks, group != nil, let grace = ProcessGroupLauncher.stopGraceSeconds() {
      observer = LauncherGraceCheck(printer, graceSeconds: grace) { printer.printLine($0) }
    }
    let ending = try run.run(observer: observer, group: group) { InterruptSignal.requested != 0 }
    if talks, let times = run.exchangeTimes {
      printer.printLine(String(format: "rank 0: %.2f s computing its shards, %.2f s exchanging gradients", times.compute, times.communication))
    }
    switch ending {
    case let .interrupted(step):
      // Rank 0 has saved; no process ends before that (mpirun ends the others as soon as one has ended).
      try group?.barrier()
      if talks {
        printer.printLine(
          "Stopped after step \(step); saved to \(run.folder.path). Continue with: "
            + (group.map { "mpirun -np \($0.size) " } ?? "") + "workbench \(command) --resume \(run.folder.path)")
      }
      throw ExitCode(InterruptSignal.exitCode)
    case .finishedElsewhere:
      break
    case let .finished(summary):
      func format(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "-" }
      printer.printLine(
        "validation loss on the whole held-out text \(format(summary.validationLossBefore)) before, \(format(summary.validationLossAfter)) after (nats per token); unigram baseline \(format(summary.unigramBaseline))")
      printer.printLine(
        "in bits per byte of text (comparable across tokenizers): \(format(summary.validationBitsPerByteBefore)) before, \(format(summary.validationBitsPerByteAfter)) after")
      if summary.referenceLossAfter != nil {
        printer.printLine("reference text loss \(format(summary.referenceLossBefore)) before, \(format(summary.referenceLossAfter)) after")
      }
      if let stopped = summary.stoppedEarlyAfter, let patience = run.setup.options.earlyStop {
        printer.printLine("stopped early after step \(stopped): \(patience) evaluations in a row without a lower validation loss")
      }
      if let best = summary.best, let last = summary.last {
        printer.printLine(
          "best validation loss \(format(best.loss)) at step \(best.step) (kept as \(TrainingRun.bestFileName)); last \(format(last.loss)) at step \(last.step)")
      }
      let recipe = FileManager.default.fileExists(atPath: run.folder.appendingPathComponent(KeptRecipe.fileName).path) ? ", \(KeptRecipe.fileName)" : ""
      printer.printLine(
        "wrote \(summary.modelFile), \(TrainingRun.bestFileName), loss.png, history.csv, metrics.json\(recipe) in \(run.folder.path)")
    }
  }

  /// `--events`: the run as JSON lines (``TrainingEventLines``), from a `start` line to a `stopped` or
  /// `finished` line. `start`: `{"event": "start", "step": k (steps already taken), "total": N,
  /// "parameters": …, "trainable": …, "training_tokens": …, "validation_tokens": …, "context": …,
  /// "vocabulary": …}`. `stopped` (after Ctrl-C, exit 130): `{"event": "stopped", "step": k, "folder": …,
  /// "kept": [files], "resume": command}`. `finished`: `{"event": "finished", "step": N, "folder": …,
  /// "files": […], "validation_before": …, "validation_after": …, "bits_per_byte_before": …,
  /// "bits_per_byte_after": …, "unigram_baseline": …, "best_step": …, "best_loss": …}` (losses in nats per token).
  private static func executeWithEvents(_ run: TrainingRun, command: String, group: (any ProcessGroup)?, talks: Bool) throws {
    func number(_ value: Int) -> JSONValue { .number("\(value)") }
    func number(_ value: Double?) -> JSONValue { value.map(JSONValue.init) ?? .null }
    if talks {
      EventLines.write([
        ("event", .string("start")), ("step", number(run.step)), ("total", run.setup.options.steps.map(number) ?? .null),
        ("parameters", number(run.model.parameterCount)), ("trainable", number(run.model.trainableParameterCount)),
        ("training_tokens", number(run.data.split.training.count)), ("validation_tokens", number(run.data.split.validation.count)),
        ("context", number(run.model.config.blockSize)), ("vocabulary", number(run.tokenizer.vocabularySize)),
      ])
    }
    let phase = run.setup.kind == .train ? "training" : "fine-tuning"
    let ending = try run.run(observer: talks ? TrainingEventLines(phase: phase) : EventHandler { _ in }, group: group) {
      InterruptSignal.requested != 0
    }
    switch ending {
    case let .interrupted(step):
      if talks {
        EventLines.write([
          ("event", .string("stopped")), ("step", number(step)), ("folder", .string(run.folder.path)),
          ("kept", .array(TrainingEventLines.files(in: run.folder).map(JSONValue.string))),
          ("resume", .string((group.map { "mpirun -np \($0.size) " } ?? "") + "workbench \(command) --resume \(run.folder.path)")),
        ])
      }
      throw ExitCode(InterruptSignal.exitCode)
    case .finishedElsewhere:
      break
    case let .finished(summary):
      EventLines.write([
        ("event", .string("finished")), ("step", number(run.step)), ("folder", .string(run.folder.path)),
        ("files", .array(TrainingEventLines.files(in: run.folder).map(JSONValue.string))),
        ("validation_before", number(summary.validationLossBefore)), ("validation_after", number(summary.validationLossAfter)),
        ("bits_per_byte_before", number(summary.validationBitsPerByteBefore)),
        ("bits_per_byte_after", number(summary.validationBitsPerByteAfter)), ("unigram_baseline", number(summary.unigramBaseline)),
        ("best_step", summary.best.map { number($0.step) } ?? .null), ("best_loss", number(summary.best?.loss)),
      ])
    }
  }
}
