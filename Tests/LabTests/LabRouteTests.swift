import Foundation
import Lab
import Lessons
import Testing

/// Every lab route, with good and bad input: pages and files, wrong methods, `..` and link names,
/// foreign hosts and origins, malformed and oversized bodies, wrong types and ranges (refused with
/// the option table's own sentence), the cost calculator against the `workbench cost` command itself,
/// and a real run: its event stream, resumption after `Last-Event-ID`, 409 while it runs, and Stop.
@Suite("LabRoutes", .serialized)
struct LabRouteTests {
  @Test func sitePagesGainThePanelsScriptAndOtherFilesAreServedAsTheyAre() async throws {
    let lab = try LabFixture()
    let page = try await lab.send("GET", "/lessons/training-loop.html")
    #expect(page.status == 200)
    #expect(page.text == "<!DOCTYPE html><html><body><main><h1>Training loop</h1></main>"
      + #"<link rel="stylesheet" href="/lab/lab.css"><script src="/lab/lab.js" defer></script></body></html>"# + "\n")
    let index = try await lab.send("GET", "/")
    #expect(index.text.hasPrefix("<!DOCTYPE html><html><body><h1>Index</h1>"))
    let css = try await lab.send("GET", "/site.css")
    #expect(css.text == "body { color: black; }\n")
    #expect(css.headers[.contentType] == "text/css; charset=utf-8")
    let script = try await lab.send("GET", "/lab/lab.js")
    #expect(script.status == 200 && script.text.contains("EventSource"))
    #expect(try await lab.send("GET", "/missing.html").status == 404)
  }

  @Test(arguments: [
    "/../secret.txt", "/lessons/../../secret.txt", "/link.html", "/.hidden", "/lab/runs/../../secret.txt", "/lab/runs//etc/passwd",
    "/lessons/..%2f..%2fsecret.txt", "/lab/runs/1/../../../secret.txt",
  ])
  func pathsOutsideTheSiteOrThroughLinksAreRefused(path: String) async throws {
    let lab = try LabFixture()
    let answer = try await lab.send("GET", path)
    #expect(answer.status == 404)
    #expect(!answer.text.contains("secret\n"))
  }

  @Test func wrongMethodsGet405NamingTheMethodsTaken() async throws {
    let lab = try LabFixture()
    let delete = try await lab.send("DELETE", "/api/runs")
    #expect(delete.status == 405)
    #expect(delete.error == "This address does not take DELETE; use GET or POST.")
    #expect(try await lab.send("GET", "/api/runs/1/stop").status == 405)
    #expect(try await lab.send("POST", "/index.html").status == 405)
    #expect(try await lab.send("GET", "/api/cost/memory").status == 405)
    #expect(try await lab.send("PUT", "/api/lessons").status == 405)
  }

  @Test func anotherSiteCannotStartRunsOrReachTheLabThroughAnotherHostName() async throws {
    let lab = try LabFixture()
    let body = #"{"lesson": "training-loop", "quick": true}"#
    let foreign = try await lab.send("POST", "/api/runs", body: body, headers: ["Origin": "http://evil.example"])
    #expect(foreign.status == 403)
    #expect(foreign.error == "The lab takes runs, uploads, generations and calculations only from its own pages, not from http://evil.example.")
    let crossSite = try await lab.send("POST", "/api/cost/memory", body: "{}", headers: ["Sec-Fetch-Site": "cross-site"])
    #expect(crossSite.status == 403)
    let rebound = try await lab.send("GET", "/api/runs", headers: ["Host": "evil.example:8080"])
    #expect(rebound.status == 403)
    let runs = try await lab.send("GET", "/api/runs")
    #expect(runs.text == "[]\n")
  }

  @Test func hugeBodiesAreRefusedWith413() async throws {
    let lab = try LabFixture()
    let declared = try await lab.send("POST", "/api/runs", body: "{}", headers: ["Content-Length": "10000000"])
    #expect(declared.status == 413)
    #expect(declared.error == "The request body is larger than the lab's limit of 65536 bytes.")
    let sent = try await lab.send("POST", "/api/runs", body: "[" + String(repeating: "1,", count: 40_000) + "1]")
    #expect(sent.status == 413)
  }

  @Test(arguments: [
    ("{", "The request body is not valid JSON"),
    ("[1]", "The request body must be a JSON object, got an array."),
    (#"{"lesson": 3}"#, "'lesson' must be a string, got a number."),
    (#"{"lesson": "nope"}"#, "There is no lesson 'nope'; valid ids are: \(LessonCatalog.ids.joined(separator: ", "))."),
    (#"{"lesson": "training-loop", "seed": "x"}"#, #"'seed' must be a non-negative whole number, got "x"."#),
    (#"{"lesson": "training-loop", "seed": -1}"#, "'seed' must be a non-negative whole number, got -1."),
    (#"{"lesson": "training-loop", "quick": "yes"}"#, #"'quick' must be true or false, got "yes"."#),
    (#"{"lesson": "training-loop", "options": {"lr": "big"}}"#, #"Option 'lr' must be a number, got "big"."#),
    (#"{"lesson": "training-loop", "options": {"steps": 2.5}}"#, "Option 'steps' must be a whole number, got 2.5."),
    (#"{"lesson": "training-loop", "options": {"lr": -1}}"#, "--lr must be a positive finite number, got -1.0."),
    (#"{"lesson": "training-loop", "options": {"beta": 1}}"#, "--beta"),
    (#"{"lesson": "training-loop", "options": {"colour": 1}}"#, "There is no lesson option 'colour'; training-loop takes lr, steps."),
    (#"{"lesson": "training-loop", "rm": 1}"#, "Unknown field 'rm'; the fields are lesson, seed, quick, options."),
  ])
  func badRunRequestsGet400WithOneSentence(body: String, sentence: String) async throws {
    let lab = try LabFixture()
    let answer = try await lab.send("POST", "/api/runs", body: body)
    #expect(answer.status == 400)
    #expect(answer.error?.contains(sentence) == true, "\(answer.error ?? answer.text)")
    #expect(try await lab.send("GET", "/api/runs").text == "[]\n")
  }

  @Test func rangeRefusalsAreTheCommandLinesOwn() async throws {
    // The oracle: the option table's check, as `workbench run` makes it.
    let lesson = try LessonCatalog.lesson("rag-vs-finetune")
    var parameters = LessonParameters()
    parameters[.facts] = 5000
    var expected = ""
    do { try parameters.check(for: lesson) } catch { expected = "\(error)" }
    #expect(!expected.isEmpty)
    let lab = try LabFixture()
    let answer = try await lab.send("POST", "/api/runs", body: #"{"lesson": "rag-vs-finetune", "options": {"facts": 5000}}"#)
    #expect(answer.status == 400)
    #expect(answer.error == expected)
  }

  @Test func lessonControlsComeFromTheOptionTable() async throws {
    let lab = try LabFixture()
    let answer = try await lab.send("GET", "/api/lessons")
    let lessons = try #require((answer.json as? [String: Any])?["lessons"] as? [[String: Any]])
    #expect(lessons.map { $0["id"] as? String } == LessonCatalog.ids)
    for (lesson, entry) in zip(LessonCatalog.all, lessons) {
      let options = try #require(entry["options"] as? [[String: Any]])
      let expected = LessonParameter.all.filter(lesson.acceptedParameters.contains)
      #expect(options.map { $0["name"] as? String } == expected.map(\.name))
      #expect(options.map { $0["help"] as? String } == expected.map(\.helpText))
    }
  }

  @Test func costAnswersAreTheEstimatorCommandsOwnJSON() async throws {
    let lab = try LabFixture()
    let answer = try await lab.send("POST", "/api/cost/memory", body: #"{"preset": "gpt-3", "tp": 8, "pp": 8, "dp": 4, "zero": "1", "params": ""}"#)
    #expect(answer.status == 200)
    let process = Process()
    process.executableURL = LabFixture.binary
    process.arguments = ["cost", "memory", "--preset", "gpt-3", "--tp", "8", "--pp", "8", "--dp", "4", "--zero", "1", "--json"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let direct = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(answer.json as? NSDictionary == (try JSONSerialization.jsonObject(with: direct)) as? NSDictionary)

    let bad = try await lab.send("POST", "/api/cost/memory", body: #"{"preset": "gpt-3", "tp": 7}"#)
    #expect(bad.status == 400)
    #expect(bad.error?.contains("7") == true, "\(bad.text)")
    let flag = try await lab.send("POST", "/api/cost/train", body: #"{"params": "--json"}"#)
    #expect(flag.status == 400)
    #expect(flag.error == #"'params' must be a number or a word such as 7B or h100-sxm, got "--json"."#)
    let shell = try await lab.send("POST", "/api/cost/train", body: #"{"params": "7B; rm -rf /"}"#)
    #expect(shell.status == 400)
    let unknown = try await lab.send("POST", "/api/cost/memory", body: #"{"output": "x"}"#)
    #expect(unknown.status == 400)
    #expect(try await lab.send("POST", "/api/cost/nothing", body: "{}").status == 404)
    let layout = try await lab.send("POST", "/api/cost/layout", body: #"{"preset": "gpt-3", "gpus": 1024, "global-batch": 1536, "top": 2}"#)
    #expect(layout.status == 200)
    let layouts = try #require(layout.json as? [String: Any])
    #expect(((layouts["layouts"] as? [String: Any])?["layouts"] as? [Any])?.count == 2)
    #expect((layouts["megatron"] as? String)?.contains("--tensor-model-parallel-size") == true)
    #expect((layouts["deepspeed"] as? String)?.contains("zero_optimization") == true)
  }

  @Test func aRunStreamsItsEventsResumesAfterLastEventIDRefusesASecondRunAndStops() async throws {
    let lab = try LabFixture()
    let started = try await lab.send("POST", "/api/runs", body: #"{"lesson": "training-loop", "seed": 2, "quick": true, "options": {"steps": 120}}"#)
    #expect(started.status == 201, "\(started.text)")
    let busy = try await lab.send("POST", "/api/runs", body: #"{"lesson": "backprop", "quick": true}"#)
    #expect(busy.status == 409)
    #expect(busy.error == "Run 1 (training-loop) is in progress; stop it or wait for it to end before starting another.")

    let stream = try await lab.send("GET", "/api/runs/1/events")
    #expect(stream.headers[.contentType] == "text/event-stream")
    let events = LabFixture.events(stream.text)
    try #require(events.count >= 3, "\(stream.text)")
    #expect(events.map(\.id) == Array(1...events.count))
    let progress = events.filter { $0.type == "progress" }
    #expect(!progress.isEmpty)
    #expect(progress.allSatisfy { ($0.data["loss"] as? Double).map { $0.isFinite && $0 > 0 } == true })
    #expect(events.contains { $0.type == "claim" })
    let end = try #require(events.last)
    #expect(end.type == "end")
    #expect(end.data["state"] as? String == "finished", "\(end.data)")
    // The run's folder holds its settings and the lesson's outputs, and the files are served.
    let settings = try String(contentsOf: lab.folder.appendingPathComponent("lab/runs/1/settings.json"), encoding: .utf8)
    #expect(settings.contains(#""steps": 120"#))
    let metrics = try await lab.send("GET", "/lab/runs/1/training-loop/metrics.json")
    #expect(metrics.status == 200)
    let claims = try #require((metrics.json as? [String: Any])?["claims"] as? [[String: Any]])
    #expect(claims.count == events.filter { $0.type == "claim" }.count)
    if let page = end.data["page"] as? String { #expect(try await lab.send("GET", page).status == 200) }

    let resumed = try await lab.send("GET", "/api/runs/1/events", headers: ["Last-Event-ID": "\(events.count - 2)"])
    #expect(LabFixture.events(resumed.text).map(\.id) == [events.count - 1, events.count])

    // A long run, stopped after its first progress event: its child gets SIGINT and the run ends "stopped".
    let long = try await lab.send("POST", "/api/runs", body: #"{"lesson": "training-loop", "quick": false}"#)
    #expect(long.status == 201, "\(long.text)")
    var detail: [String: Any] = [:]
    for _ in 0..<600 {
      detail = try #require(try await lab.send("GET", "/api/runs/2").json as? [String: Any])
      if (detail["events"] as? [Any])?.isEmpty == false { break }
      try await Task.sleep(for: .milliseconds(50))
    }
    let stop = try await lab.send("POST", "/api/runs/2/stop", body: "")
    #expect(stop.status == 202)
    let stopped = LabFixture.events(try await lab.send("GET", "/api/runs/2/events").text)
    #expect(stopped.last?.type == "end")
    #expect(stopped.last?.data["state"] as? String == "stopped")
    // The page says what was kept: a lesson writes its outputs only when it finishes, so the settings and the
    // streamed events; the stopped child's unfinished output folder is not left behind.
    #expect(stopped.last?.data["kept"] as? [String] == ["events.jsonl", "settings.json"])
    #expect(stopped.last?.data["resumable"] as? Bool == false)
    let note = try #require(stopped.last?.data["note"] as? String)
    let lastStep = try #require(stopped.last { $0.type == "progress" }?.data["step"] as? Int)
    #expect(note.hasPrefix("Stopped after step \(lastStep) of "), "\(note)")
    #expect(note.contains("A lesson writes its figures, metrics and claims only when it finishes"))
    #expect(note.contains("the \(stopped.count) events it streamed"))
    let runFolder = lab.folder.appendingPathComponent("lab/runs/2")
    #expect(try FileManager.default.contentsOfDirectory(atPath: runFolder.path).sorted() == ["events.jsonl", "settings.json"])
    #expect(try await lab.send("POST", "/api/runs/2/resume", body: "").error
      == "Run 2 is a lesson run; a lesson cannot continue where it stopped, so run it again.")
    #expect(try await lab.send("POST", "/api/runs/2/stop", body: "").status == 400)
    #expect(try await lab.send("GET", "/api/runs/9").status == 404)
    #expect(try await lab.send("GET", "/api/runs/x/events").status == 404)
  }

  @Test func claimsArriveAsTheyAreCheckedAndSamplesAsTheModelsWriteThem() async throws {
    let lab = try LabFixture()
    // backprop checks the chain rule before it trains: that claim arrives before the first step.
    #expect(try await lab.send("POST", "/api/runs", body: #"{"lesson": "backprop", "quick": true, "options": {"steps": 20}}"#).status == 201)
    let backprop = LabFixture.events(try await lab.send("GET", "/api/runs/1/events").text)
    #expect(backprop.last?.data["state"] as? String == "finished", "\(backprop.last?.data ?? [:])")
    let firstClaim = try #require(backprop.first { $0.type == "claim" }?.id)
    let firstStep = try #require(backprop.first { $0.type == "progress" }?.id)
    #expect(firstClaim < firstStep)
    let metrics = try #require(try await lab.send("GET", "/lab/runs/1/backprop/metrics.json").json as? [String: Any])
    let claims = try #require(metrics["claims"] as? [[String: Any]])
    #expect(backprop.filter { $0.type == "claim" }.map { $0.data["statement"] as? String } == claims.map { $0["statement"] as? String })
    #expect(backprop.filter { $0.type == "claim" }.map { $0.data["passed"] as? Bool } == claims.map { $0["passed"] as? Bool })

    // pretrain-finetune samples its model during pre-training and each finished model: each sample as it is written.
    let started = try await lab.send(
      "POST", "/api/runs", body: #"{"lesson": "pretrain-finetune", "quick": true, "options": {"pretrain-steps": 20, "finetune-steps": 10}}"#)
    #expect(started.status == 201, "\(started.text)")
    let pretrain = LabFixture.events(try await lab.send("GET", "/api/runs/2/events").text)
    #expect(pretrain.last?.data["state"] as? String == "finished", "\(pretrain.last?.data ?? [:])")
    let samples = pretrain.filter { $0.type == "sample" }
    let during = samples.filter { $0.data["phase"] as? String == "pre-training" }
    #expect(during.count >= 2)
    #expect(during.compactMap { $0.data["step"] as? Int } == during.compactMap { $0.data["step"] as? Int }.sorted())
    // Each sample arrives after the steps it follows and before the next ones.
    for sample in during {
      let step = try #require(sample.data["step"] as? Int)
      let before = pretrain.last { $0.id < sample.id && $0.type == "progress" && $0.data["phase"] as? String == "pre-training" }
      #expect((before?.data["step"] as? Int ?? 0) <= step)
    }
    // The finished models' samples are the texts the lesson records in metrics.json.
    let kept = try #require(try await lab.send("GET", "/lab/runs/2/pretrain-finetune/metrics.json").json as? [String: Any])
    let recorded = Set(((kept["samples"] as? [[String: Any]]) ?? []).compactMap { $0["text"] as? String })
    let finished = samples.filter { $0.data["step"] is NSNull }.compactMap { $0.data["text"] as? String }
    #expect(!finished.isEmpty)
    #expect(Set(finished) == recorded)
  }
}
