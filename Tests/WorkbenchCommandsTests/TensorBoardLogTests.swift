import Foundation
import Lessons
import PythonOracle
import Training
import Testing
import WorkbenchFiles

@testable import WorkbenchCommands

/// `train --log tensorboard` read back by TensorBoard's own `EventAccumulator`
/// (`Tests/Fixtures/read_tensorboard.py`; needs `tensorboard` from PyPI): every scalar of every
/// step and evaluation, exactly as float32, the steps of `history.csv` and no others; and a
/// flipped byte, which that reader drops silently, is noticed by counting the records.
@Suite("TensorBoardLog", .serialized)
struct TensorBoardLogTests {
  struct Read: Decodable {
    let scalars: [String: [[Double]]]
    let events: Int
  }

  static func read(_ folder: URL) throws -> Read {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try decoder.decode(Read.self, from: PythonOracle.runFixture("read_tensorboard.py", [folder.path]))
  }

  @Test("TensorBoard reads every logged scalar exactly, at the steps history.csv holds; a flipped byte is noticed")
  func readBack() throws {
    let f = try TrainCommandTests.Fixture()
    let out = f.folder.appendingPathComponent("tb")
    let result = TrainCommandTests.outcome(
      ["train", "--text", f.path("good.txt"), "--output", out.path, "--steps", "5", "--eval-every", "2", "--log", "tensorboard"]
        + TrainCommandTests.tiny)
    #expect(result.code == 0, "\(result.message)")
    let history = try TrainingRun.resume(from: out).history
    let read = try Self.read(out)
    func expect(_ tag: String, steps: [Int], values: [Double]) {
      let got = read.scalars[tag] ?? []
      #expect(got.map { Int($0[0]) } == steps, "\(tag) steps")
      #expect(got.map { Float($0[1]) } == values.map { Float($0) }, "\(tag) values")
    }
    expect("loss/training", steps: Array(1...5), values: history.trainingLoss)
    expect("optimizer/learning_rate", steps: Array(1...5), values: history.learningRate)
    expect("loss/validation", steps: history.evaluationSteps, values: history.validationLoss)
    #expect(history.evaluationSteps == [0, 2, 4, 5])
    #expect((read.scalars["optimizer/gradient_norm"] ?? []).map { Int($0[0]) } == Array(1...5))
    #expect((read.scalars["speed/tokens_per_second"] ?? []).allSatisfy { $0[1] > 0 })
    // The steps of history.csv (0 = the evaluation before training) are exactly the steps logged.
    let csvSteps = try String(contentsOf: out.appendingPathComponent("history.csv"), encoding: .utf8).split(separator: "\n").dropFirst()
      .map { Int($0.split(separator: ",", omittingEmptySubsequences: false)[1])! }
    #expect(Set(read.scalars.values.flatMap { $0.map { Int($0[0]) } }) == Set(csvSteps))

    // One file; its records: the version, one per step, one per evaluation — 4 scalars a step, 1 an evaluation.
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("events.out.tfevents.") }
    #expect(files.count == 1)
    let file = out.appendingPathComponent(files[0])
    let bytes = try [UInt8](Data(contentsOf: file))
    let records = try #require(TensorBoardEventFile.records(in: bytes))
    #expect(records.count == 1 + 5 + 4)
    #expect(read.events == 5 * 4 + 4)

    // A flipped byte inside the third record's data: TensorBoard silently drops that record,
    // and the count of records notices it.
    var damaged = bytes
    let third = (try #require(TensorBoardEventFile.records(in: bytes)))[0..<2].reduce(0) { $0 + $1.count + 16 } + 12 + 5
    damaged[third] ^= 0x10
    let copy = f.folder.appendingPathComponent("damaged")
    try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
    try Data(damaged).write(to: copy.appendingPathComponent(files[0]))
    #expect(TensorBoardEventFile.records(in: damaged) == nil)
    #expect(try Self.read(copy).events < read.events)
  }

  @Test("--log takes csv or tensorboard only")
  func badLog() throws {
    let f = try TrainCommandTests.Fixture()
    let result = TrainCommandTests.outcome(
      ["train", "--text", f.path("good.txt"), "--output", f.path("x"), "--log", "wandb"] + TrainCommandTests.tiny)
    #expect(result.code == 64 && result.message.contains("--log must be csv or tensorboard, got 'wandb'."), "\(result.message)")
    let lesson = TrainCommandTests.outcome(["run", "training-loop", "--quick", "--output", f.path("lessons"), "--log", "wandb"])
    #expect(lesson.code == 64 && lesson.message.contains("--log must be csv or tensorboard, got 'wandb'."), "\(lesson.message)")
    #expect(!FileManager.default.fileExists(atPath: f.path("lessons")))
  }

  /// The fields of one CSV line (RFC 4180 quoting, as `RunFolder.historyCSV` writes it).
  static func fields(_ line: Substring) -> [String] {
    var fields: [String] = [], field = "", quoted = false, previous: Character? = nil
    for character in line {
      if character == "\"" {
        if quoted && previous == "\"" { field.append("\"") }
        quoted.toggle()
      } else if character == "," && !quoted {
        fields.append(field)
        field = ""
      } else {
        field.append(character)
      }
      previous = character
    }
    return fields + [field]
  }

  @Test("workbench run --log tensorboard: TensorBoard reads every series of the lesson's history.csv, at exactly its steps")
  func lessonRun() throws {
    let f = try TrainCommandTests.Fixture()
    let output = f.folder.appendingPathComponent("lessons")
    let result = TrainCommandTests.outcome(["run", "training-loop", "--quick", "--output", output.path, "--log", "tensorboard"])
    #expect(result.code == 0, "\(result.message)")
    let folder = output.appendingPathComponent("training-loop")
    let lines = try String(contentsOf: folder.appendingPathComponent("history.csv"), encoding: .utf8).split(separator: "\n")
    let columns = Self.fields(lines[0])
    var expected: [String: [(step: Int, value: Double)]] = [:]
    for line in lines.dropFirst() {
      let cells = Self.fields(line)
      for (column, cell) in zip(columns, cells).dropFirst(2) where !cell.isEmpty {
        expected["\(cells[0])/\(column)", default: []].append((Int(cells[1])!, Double(cell)!))
      }
    }
    #expect(!expected.isEmpty)
    let read = try Self.read(folder)
    #expect(Set(read.scalars.keys) == Set(expected.keys))
    for (tag, points) in expected {
      let got = read.scalars[tag] ?? []
      #expect(got.map { Int($0[0]) } == points.map(\.step), "\(tag): the steps of history.csv")
      for (logged, point) in zip(got, points) {
        let same = logged[1] == point.value || (logged[1].isNaN && point.value.isNaN) || abs(logged[1] - point.value) <= 1e-6 * max(1, abs(point.value))
        #expect(same, "\(tag) at step \(point.step): \(logged[1]) against \(point.value)")
      }
    }
    #expect(read.events == expected.values.map(\.count).reduce(0, +))
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("events.out.tfevents.") }
    #expect(files.count == 1)
  }
}
