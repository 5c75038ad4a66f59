import Foundation
import Lab
import Testing

/// Training on your own text through the lab's routes: the lab's pages in the site's frame; uploads
/// refused exactly as `workbench train`
/// refuses the same file (its own sentence, from the real command), too large, badly named or from
/// another site; a kept upload's bytes are the file's, inside the lab folder. A training run: bad
/// values refused with `train`'s own sentence and no run left behind, 409 while it runs, live loss
/// and samples, Stop keeping the model and state (said on the page), Resume continuing step by step
/// to the end, and generation from the result.
@Suite("LabTextRoutes", .serialized)
struct LabTextRouteTests {
  /// A text of about 7 kB (enough for the tiny model's context of 64 characters).
  static let text: String = {
    let words = ["the", "model", "reads", "a", "text", "and", "learns", "which", "letter", "comes", "next", "loss", "falls"]
    var state: UInt64 = 7
    var text = ""
    for index in 0..<1200 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      text += words[Int((state >> 33) % UInt64(words.count))] + (index % 10 == 9 ? ".\n" : " ")
    }
    return text
  }()

  /// The sentence `workbench train` prints for the text file `name` holding `bytes` (written in a
  /// folder of its own, named as given on its command line).
  static func trainsRefusal(name: String, bytes: Data) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("train-refusal-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try bytes.write(to: folder.appendingPathComponent(name))
    let process = Process()
    process.executableURL = LabFixture.binary
    process.arguments = ["train", "--text", name, "--output", "out", "--size", "tiny", "--steps", "1"]
    process.currentDirectoryURL = folder
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 65, "\(text)")
    // train names the file by its absolute path; the lab by the name it was uploaded as.
    let sentence = text.split(separator: "\n").first.map { $0.hasPrefix("error: ") ? String($0.dropFirst(7)) : String($0) } ?? text
    return sentence.replacingOccurrences(of: folder.appendingPathComponent(name).path, with: name)
  }

  /// Everything under `folder`, as relative paths, sorted (hidden names included).
  static func contents(_ folder: URL) -> [String] {
    (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
  }

  @Test func theLabsPagesAreServedInTheSitesFrameWithItsScriptOnce() async throws {
    let lab = try LabFixture()
    // The fixture's index.html has no `main`: the page is one of its own.
    let bare = try await lab.send("GET", "/lab/text.html")
    #expect(bare.status == 200 && bare.headers[.contentType] == "text/html; charset=utf-8")
    #expect(bare.text.contains("<h1>Train on your own text</h1>"))
    #expect(bare.text.components(separatedBy: "/lab/lab.js").count == 2)
    let index = #"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Index · Site</title><link rel="stylesheet" href="site.css"></head>"#
      + #"<body><header><nav><a href="index.html">Site</a></nav></header><main id="main"><h1>Index</h1><p>Every entry.</p></main>"#
      + "<footer><p>Made here.</p></footer></body></html>\n"
    try Data(index.utf8).write(to: lab.folder.appendingPathComponent("site/index.html"))
    let framed = try await lab.send("GET", "/lab/generate.html")
    #expect(framed.status == 200)
    #expect(framed.text.hasPrefix(#"<!DOCTYPE html><html lang="en"><head><base href="/"><meta charset="utf-8"><title>Generate with probabilities</title>"#), "\(framed.text)")
    #expect(framed.text.contains(#"<header><nav><a href="index.html">Site</a></nav></header><main id="main"><h1>Generate with probabilities</h1><p>Choose a model"#))
    #expect(!framed.text.contains("<h1>Index</h1>") && !framed.text.contains("Every entry."))
    #expect(framed.text.hasSuffix("<footer><p>Made here.</p></footer>" + #"<link rel="stylesheet" href="/lab/lab.css"><script src="/lab/lab.js" defer></script></body></html>"# + "\n"))
    #expect(try await lab.send("GET", "/lab/other.html").status == 404)
    #expect(try await lab.send("POST", "/lab/text.html").status == 405)
  }

  @Test func uploadsAreRefusedAsTrainRefusesTheFileAndKeptByteForByteInsideTheLab() async throws {
    let lab = try LabFixture()
    let texts = lab.folder.appendingPathComponent("lab/texts")
    let bad: [(name: String, bytes: Data)] = [
      ("empty.txt", Data()), ("nul.txt", Data("abc\u{0}def".utf8)), ("latin1.txt", Data([0x63, 0x61, 0x66, 0xE9, 0x0A])),
    ]
    for (name, bytes) in bad {
      let answer = try await lab.send("POST", "/api/texts", query: ["name": name], bytes: bytes)
      #expect(answer.status == 400, "\(name): \(answer.text)")
      #expect(answer.error == (try Self.trainsRefusal(name: name, bytes: bytes)), "\(name)")
    }
    #expect(Self.contents(texts) == [], "a refused upload leaves nothing behind")

    let tooLarge = try await lab.send("POST", "/api/texts", query: ["name": "big.txt"], bytes: Data(count: TextShelf.byteLimit + 1))
    #expect(tooLarge.status == 413)
    #expect(tooLarge.error == "The request body is larger than the lab's limit of \(TextShelf.byteLimit) bytes.")
    let declared = try await lab.send(
      "POST", "/api/texts", query: ["name": "big.txt"], bytes: Data("a".utf8), headers: ["Content-Length": "\(TextShelf.byteLimit + 1)"])
    #expect(declared.status == 413)

    for name in ["../escape.txt", "..", "a/b.txt", "/etc/passwd", ".hidden", "", "back\\slash.txt", "nul\u{0}.txt", "line\nbreak.txt",
                 String(repeating: "x", count: 101)] {
      let answer = try await lab.send("POST", "/api/texts", query: ["name": name], bytes: Data(Self.text.utf8))
      #expect(answer.status == 400, "\(name.debugDescription): \(answer.text)")
    }
    #expect(Self.contents(texts) == [])
    #expect(!FileManager.default.fileExists(atPath: lab.folder.appendingPathComponent("lab/escape.txt").path))

    let foreign = try await lab.send("POST", "/api/texts", query: ["name": "a.txt"], bytes: Data(Self.text.utf8), headers: ["Origin": "http://evil.example"])
    #expect(foreign.status == 403)
    let crossSite = try await lab.send("POST", "/api/texts", query: ["name": "a.txt"], bytes: Data(Self.text.utf8), headers: ["Sec-Fetch-Site": "cross-site"])
    #expect(crossSite.status == 403)
    #expect(try await lab.send("DELETE", "/api/texts").status == 405)

    let kept = try await lab.send("POST", "/api/texts", query: ["name": "my words.txt"], bytes: Data(Self.text.utf8))
    #expect(kept.status == 201, "\(kept.text)")
    let json = try #require(kept.json as? [String: Any])
    #expect(json["text"] as? Int == 1 && json["name"] as? String == "my words.txt" && json["bytes"] as? Int == Self.text.utf8.count)
    #expect(try Data(contentsOf: texts.appendingPathComponent("1/my words.txt")) == Data(Self.text.utf8))
    #expect(Self.contents(texts) == ["1", "1/my words.txt"], "no temporary is left")
    let list = try #require(try await lab.send("GET", "/api/texts").json as? [String: Any])
    #expect(list["limit"] as? Int == TextShelf.byteLimit)
    #expect((list["texts"] as? [[String: Any]])?.map { $0["name"] as? String } == ["my words.txt"])
  }

  @Test func badTrainingRequestsAreRefusedWithTrainsOwnSentenceAndLeaveNoRun() async throws {
    let lab = try LabFixture()
    #expect(try await lab.send("POST", "/api/texts", query: ["name": "words.txt"], bytes: Data(Self.text.utf8)).status == 201)
    #expect(try await lab.send("POST", "/api/texts", query: ["name": "short.txt"], bytes: Data("a short text\n".utf8)).status == 201)
    let refusals: [(body: String, sentence: String)] = [
      ("[1]", "The request body must be a JSON object, got an array."),
      (#"{"size": "tiny"}"#, "Name the uploaded text in the field 'text' (its number)."),
      (#"{"text": "1"}"#, #"'text' must be the number of an uploaded text, got "1"."#),
      (#"{"text": 9}"#, "There is no uploaded text 9; upload one first."),
      (#"{"text": 1, "steps": "ten"}"#, #"'steps' must be a whole number, got "ten"."#),
      (#"{"text": 1, "steps": -5}"#, "'steps' must be a whole number, got -5."),
      (#"{"text": 1, "size": 3}"#, "'size' must be a string, got 3."),
      (#"{"text": 1, "size": "--output=/tmp"}"#, "'size' must be a word of lower-case letters, digits and ':' such as tiny"),
      (#"{"text": 1, "output": "/tmp"}"#, "Unknown field 'output'; the fields are text, size, steps, tokenizer, seed."),
      // `workbench train`'s own checks, reached in its process before any training.
      (#"{"text": 1, "size": "huge"}"#, "--size must be one of tiny, small, medium, got 'huge'."),
      (#"{"text": 1, "steps": 0}"#, "--steps must be at least 1, got 0."),
      (#"{"text": 1, "tokenizer": "bpe:0"}"#, "--tokenizer bpe:N needs N between 1 and 100000 merges, got 0."),
      (#"{"text": 1, "tokenizer": "words"}"#, "--tokenizer must be char or bpe:N (N merges, e.g. bpe:1000), got 'words'."),
      (#"{"text": 2}"#, "The text has"),
    ]
    for (body, sentence) in refusals {
      let answer = try await lab.send("POST", "/api/train", body: body)
      #expect(answer.status == 400, "\(body): \(answer.text)")
      #expect(answer.error?.contains(sentence) == true, "\(body): \(answer.error ?? answer.text)")
    }
    #expect(try await lab.send("GET", "/api/runs").text == "[]\n")
    #expect(Self.contents(lab.folder.appendingPathComponent("lab/runs")) == [])
    #expect(try await lab.send("POST", "/api/train", body: #"{"text": 1}"#, headers: ["Origin": "http://evil.example"]).status == 403)
    #expect(try await lab.send("GET", "/api/train").status == 405)
  }

  /// Reads run `number`'s events until its `end` (the stream ends there).
  static func events(_ lab: LabFixture, run number: Int, after: Int = 0) async throws -> [(id: Int, type: String, data: [String: Any])] {
    LabFixture.events(try await lab.send("GET", "/api/runs/\(number)/events", headers: ["Last-Event-ID": "\(after)"]).text)
  }

  @Test func aTrainingRunStreamsLossAndSamplesStopsKeepingItsModelResumesAndIsGeneratedFrom() async throws {
    let lab = try LabFixture()
    #expect(try await lab.send("POST", "/api/texts", query: ["name": "words.txt"], bytes: Data(Self.text.utf8)).status == 201)
    // Enough steps that the run is still going when the next requests arrive, even on a busy machine.
    let steps = 300
    let started = try await lab.send("POST", "/api/train", body: #"{"text": 1, "size": "tiny", "steps": \#(steps), "tokenizer": "char", "seed": 3}"#)
    #expect(started.status == 201, "\(started.text)")
    let busy = try await lab.send("POST", "/api/train", body: #"{"text": 1}"#)
    #expect(busy.status == 409)
    #expect(busy.error == "Run 1 (training on words.txt) is in progress; stop it or wait for it to end before starting another.")
    #expect(try await lab.send("POST", "/api/runs", body: #"{"lesson": "training-loop"}"#).status == 409)
    #expect(try await lab.send("POST", "/api/runs/1/resume", body: "").status == 409)

    // Stop after the first progress events.
    for _ in 0..<600 {
      let detail = try #require(try await lab.send("GET", "/api/runs/1").json as? [String: Any])
      if ((detail["events"] as? [[String: Any]]) ?? []).contains(where: { $0["type"] as? String == "progress" }) { break }
      try await Task.sleep(for: .milliseconds(20))
    }
    #expect(try await lab.send("POST", "/api/runs/1/stop", body: "").status == 202)
    let first = try await Self.events(lab, run: 1)
    #expect(first.first?.type == "start")
    #expect(first.first?.data["vocabulary"] as? Int == Set(Self.text).count)
    let end = try #require(first.last)
    #expect(end.type == "end" && end.data["state"] as? String == "stopped", "\(end.data)")
    #expect(end.data["status"] as? Int == 130, "train exits 130 after Ctrl-C")
    let stoppedAt = try #require(first.last { $0.type == "stopped" }?.data["step"] as? Int)
    #expect(stoppedAt >= 1 && stoppedAt < steps)
    #expect(end.data["resumable"] as? Bool == true)
    let kept = try #require(end.data["kept"] as? [String])
    #expect(kept == [
      "model/best.safetensors", "model/checkpoint.safetensors", "model/history.csv", "model/recipe.yaml", "model/training-state.safetensors",
    ])
    let modelFolder = lab.folder.appendingPathComponent("lab/runs/1/model")
    for file in kept { #expect(FileManager.default.fileExists(atPath: lab.folder.appendingPathComponent("lab/runs/1/\(file)").path)) }
    let note = try #require(end.data["note"] as? String)
    #expect(note.hasPrefix("Stopped after step \(stoppedAt): kept the model (checkpoint.safetensors)"), "\(note)")
    #expect(note.contains("Resume continues from step \(stoppedAt)"))
    let summary = try #require((try await lab.send("GET", "/api/runs").json as? [[String: Any]])?.first)
    #expect(summary["kind"] as? String == "text" && summary["state"] as? String == "stopped" && summary["resumable"] as? Bool == true)

    #expect(try await lab.send("POST", "/api/runs/1/resume", body: "", headers: ["Origin": "http://evil.example"]).status == 403)
    let resumed = try await lab.send("POST", "/api/runs/1/resume", body: "")
    #expect(resumed.status == 202, "\(resumed.text)")
    let all = try await Self.events(lab, run: 1)
    #expect(all.map(\.id) == Array(1...all.count))
    let last = try #require(all.last)
    #expect(last.type == "end" && last.data["state"] as? String == "finished", "\(last.data)")
    // Every step exactly once across the stop, each loss the one the run recorded in history.csv.
    let progress = all.filter { $0.type == "progress" }
    #expect(progress.map { $0.data["step"] as? Int } == (1...steps).map { $0 })
    let history = try String(contentsOf: modelFolder.appendingPathComponent("history.csv"), encoding: .utf8)
    let rows = history.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = history.split(separator: "\n").first?.split(separator: ",") ?? []
    let lossColumn = try #require(header.firstIndex(of: "training_loss"), "\(header)")
    let recorded = rows.filter { $0[0] == "training" }.map { Double($0[lossColumn]) }
    #expect(recorded.count == steps)
    for (event, loss) in zip(progress, recorded) {
      let streamed = try #require(event.data["loss"] as? Double)
      #expect(abs(streamed - (loss ?? .nan)) <= 1e-6 * max(1, abs(streamed)), "step \(event.data["step"] ?? "?")")
    }
    #expect(all.filter { $0.type == "start" }.count == 2)
    #expect(all.contains { $0.type == "evaluation" && (($0.data["losses"] as? [String: Any])?["validation"] as? Double).map { $0 > 0 } == true })
    let samples = all.filter { $0.type == "sample" }
    #expect(samples.count >= 2 && samples.allSatisfy { ($0.data["text"] as? String)?.isEmpty == false })
    #expect(last.data["checkpoint"] as? String == "run:1/model/checkpoint.safetensors")
    #expect(try await lab.send("POST", "/api/runs/1/resume", body: "").error == "Run 1 is finished; only a stopped run can be resumed.")
    #expect(try await lab.send("GET", "/lab/runs/1/model/loss.png").headers[.contentType] == "image/png")

    // Generate from the trained model, only among the 3 most likely characters: each step's shown
    // probabilities are all the kept ones, so they sum to 1, and the drawn character is among them.
    let checkpoints = try #require(try await lab.send("GET", "/api/checkpoints").json as? [[String: Any]])
    #expect(checkpoints.contains { $0["id"] as? String == "run:1/model/checkpoint.safetensors" })
    let generated = try await lab.send(
      "POST", "/api/generate", body: #"{"checkpoint": "run:1/model/checkpoint.safetensors", "prompt": "the model ", "temperature": 1, "top_k": 3, "tokens": 6, "seed": 2}"#)
    #expect(generated.status == 200, "\(generated.text)")
    let answer = try #require(generated.json as? [String: Any])
    let answerSteps = try #require(answer["steps"] as? [[String: Any]])
    #expect(answerSteps.count == 6)
    for step in answerSteps {
      let top = try #require(step["top"] as? [[String: Any]])
      #expect(top.count == 3)
      let sum = top.compactMap { $0["probability"] as? Double }.reduce(0, +)
      #expect(abs(sum - 1) < 1e-9)
      #expect(top.contains { $0["id"] as? Int == step["id"] as? Int })
    }
    #expect(answerSteps.map { $0["token"] as? String ?? "" }.joined() == answer["continuation"] as? String)
  }
}
