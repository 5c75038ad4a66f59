import ArgumentParser
import Foundation
import Testing
import TrainingCost
@testable import WorkbenchCommands

/// `workbench cost …` parsed through the real root command, with exact output.
@Suite struct CostCommandTests {
  /// Parses `arguments` after `workbench cost` and renders what `run()` would print.
  func output(_ arguments: [String]) throws -> String {
    let command = try Workbench.parseAsRoot(["cost"] + arguments)
    let reporting = try #require(command as? any CostReporting)
    return try reporting.renderedOutput()
  }

  /// The value column of the row labelled `label` in a figure table.
  func value(of label: String, in text: String) -> String? {
    text.split(separator: "\n").first { $0.hasPrefix(label + " ") }
      .map { $0.dropFirst(label.count).trimmingCharacters(in: .whitespaces) }
  }

  @Test func trainGPT3() throws {
    let text = try output(["train", "--params", "175B", "--tokens", "300B", "--gpus", "1024", "--price", "2.5"])
    #expect(text == """
      quantity                                value
      -----------------------------  --------------
      accelerator                          h100-sxm
      parameters N                             175B
      training tokens D                        300B
      tokens per parameter                     1.71
      training compute C               3.15e23 FLOP
      memory: weights+grads+Adam           2,800 GB
      memory: activations                   83.0 GB
      memory: total                        2,883 GB
      GPUs to fit in memory                      37
      peak dense FLOP/s per GPU      9.89e14 FLOP/s
      model FLOPs utilisation (MFU)           40.0%
      GPU-hours                          221k GPU-h
      GPUs                                    1,024
      wall-clock days                     9.00 days
      price per GPU-hour                      $2.50
      cost                                    $553k
      energy                               186k kWh
      GPUs to finish in 30 days                 308

      The whole bill
      quantity                           value
      --------------------------------  ------
      final run (compute only)           $553k
      failures and restarts             $61.4k
      experiments before the final run   $152k
      data                                  $0
      people                                $0
      whole bill                         $766k
      """)
  }

  /// Acceptance: 3.15e23 (published 3.14e23) and 5.88e23 (published 5.76e23), within 3%.
  @Test(arguments: [(["175B", "300B"], "3.15e23 FLOP", 3.14e23), (["70B", "1.4T"], "5.88e23 FLOP", 5.76e23)])
  func trainMatchesPublishedCompute(sizes: [String], expected: String, published: Double) throws {
    let text = try output(["train", "--params", sizes[0], "--tokens", sizes[1]])
    #expect(value(of: "training compute C", in: text) == expected)
    let json = try output(["train", "--params", sizes[0], "--tokens", sizes[1], "--json"])
    let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[String: Any]]])
    let row = try #require(object["estimate"]?.first { $0["key"] as? String == "training_flops" })
    let flops = try #require(row["value"] as? Double)
    #expect(abs(flops / published - 1) < 0.03)
  }

  @Test func trainWithEverything() throws {
    let text = try output([
      "train", "--params", "671B", "--active-params", "37B", "--tokens", "14.8T", "--gpu", "h800", "--gpus", "2048",
      "--attention", "--layers", "61", "--d-model", "7168", "--context", "4096", "--mfu", "0.35", "--pue", "1.1",
      "--deadline-days", "60",
    ])
    #expect(value(of: "active parameters per token", in: text) == "37.0B")
    #expect(value(of: "compute 6·N·D", in: text) == "3.29e24 FLOP")  // 6 × 37e9 × 14.8e12
    #expect(value(of: "attention term", in: text) == "3.18e23 FLOP")  // 12 × 61 × 4096 × 7168 × 14.8e12
    #expect(value(of: "training compute C", in: text) == "3.60e24 FLOP")
    #expect(value(of: "GPUs to fit in memory", in: text) == "135")  // (10,736 + 60.9) GB / 80 GB
    #expect(value(of: "price per GPU-hour", in: text) == "$2.00")
    #expect(text.contains("GPUs to finish in 60 days"))
  }

  @Test func optimalAtGophersBudget() throws {
    let text = try output(["optimal", "--budget-flops", "5.76e23"])
    #expect(text.hasSuffix("""
      Compute-optimal allocation (C = 6·N·D)
      law              choice      parameters N  tokens D  tokens/param  predicted loss
      ---------------  ----------  ------------  --------  ------------  --------------
      chinchilla-rule  selected           69.3B     1.39T          20.0               —
      hoffmann         comparison         32.2B     2.98T          92.6           1.931
      besiroglu        comparison         72.2B     1.33T          18.4           1.974
      """))
    let csv = try output(["optimal", "--budget-flops", "5.76e23", "--csv"]).split(separator: "\n\n")[1]
    let selected = try #require(csv.split(separator: "\n").dropFirst().first).split(separator: ",")
    let n = try #require(Double(selected[2])), d = try #require(Double(selected[3]))
    #expect(abs(n / 70e9 - 1) < 0.25 && abs(d / 1.4e12 - 1) < 0.25)
  }

  @Test func optimalFromDollarsWithAnotherLaw() throws {
    let text = try output(["optimal", "--budget-usd", "5M", "--gpu", "h100-sxm", "--law", "besiroglu", "--explain"])
    // 5e6 / 2.99 × 3600 × 989e12 × 0.4 = 2.38e24 FLOPs.
    #expect(text.contains("compute budget C                 2.38e24 FLOP  dollars / price × 3600 × peak × MFU"))
    #expect(text.contains("besiroglu        selected"))
    #expect(text.contains("Besiroglu et al. (2024) reconstructed the data"))
  }

  @Test func finetuneMethods() throws {
    let lora = try output(["finetune", "--params", "7B", "--tokens", "50M", "--method", "lora", "--layers", "32", "--d-model", "4096"])
    #expect(value(of: "training compute", in: lora) == "1.41e18 FLOP")  // 4·N·D + 6·N_adapter·D
    #expect(value(of: "memory: frozen base weights", in: lora) == "14.0 GB")  // 2 B × 7e9
    #expect(value(of: "memory: total", in: lora) == "23.7 GB")  // 14 + 0.56 + 9.13
    let qlora = try output(["finetune", "--params", "7B", "--tokens", "50M", "--method", "qlora"])
    #expect(value(of: "memory: frozen base weights", in: qlora) == "3.50 GB")
    let full = try output(["finetune", "--params", "7B", "--tokens", "50M", "--method", "full"])
    #expect(value(of: "training compute", in: full) == "2.10e18 FLOP")
    #expect(value(of: "GPUs to fit in memory", in: full) == "2")
  }

  @Test func planHasFiveOptions() throws {
    let text = try output(["plan", "--params", "7B", "--domain-tokens", "50M", "--layers", "32", "--d-model", "4096"])
    let lines = text.split(separator: "\n")
    #expect(lines[0] == "Options for a 7.00B-parameter model on h100-sxm at 40% MFU, $2.99/GPU-hour")
    #expect(lines.count == 26)
    #expect(lines[3].hasPrefix("pre-train from scratch") && lines[3].contains("8.40e22"))  // 6 × 7e9 × 2e12
    #expect(lines[7].hasPrefix("no training (hosted model + retrieval)") && lines[7].hasSuffix("$5.00                   $1.00"))
    let explained = try output(["plan", "--params", "7B", "--domain-tokens", "50M", "--explain"])
    #expect(explained.contains("  LoRA: 4·N·D + 6·N_adapter·D = 4 × 7B × 50M"))
  }

  /// Acceptance: `cost plan --params 7B --domain-tokens 50M` prices pre-training at 2T tokens (Llama 2 7B's
  /// budget; Touvron et al. 2023 report 184,320 A100-hours for it), shows the Chinchilla-optimal 140B
  /// beside it, says what the row includes and excludes, and adds the whole bill.
  @Test func planPricesARealisticPretraining() throws {
    let text = try output(["plan", "--params", "7B", "--domain-tokens", "50M"])
    #expect(value(of: "pre-training tokens used", in: text) == "2.00T")
    #expect(value(of: "Chinchilla-optimal tokens", in: text) == "140B")
    // 6 × 7e9 × 2e12 / (989e12 × 0.4) / 3600 = 58,982 GPU-hours × $2.99 = $176k.
    #expect(value(of: "pre-training final run", in: text) == "$176k")
    #expect(value(of: "Chinchilla-optimal final run", in: text) == "$12.3k")
    #expect(text.contains("Pre-training from scratch: final-run compute only (the bill below adds restarts, experiments, data and people)"))
    // Restarts at 90% effective time: 176.4k × (1/0.9 − 1) = 19.6k; experiments 0.274 × 176.4k = 48.4k.
    #expect(value(of: "failures and restarts", in: text) == "$19.6k")
    #expect(value(of: "experiments before the final run", in: text) == "$48.4k")
    #expect(value(of: "whole bill", in: text) == "$244k")
    let people = try output(["plan", "--params", "7B", "--domain-tokens", "50M", "--team", "5", "--months", "6", "--person-month-cost", "20000", "--data-price", "0.5"])
    #expect(value(of: "people", in: people) == "$600k")
    #expect(value(of: "data", in: people) == "$1.00M")  // 2T tokens × $0.5 / 1M
  }

  @Test func realityCheckPrintsEveryPreset() throws {
    #expect(try output(["reality-check"]) == """
      preset          metric           published    estimate  estimate/published  MFU used  implied MFU  within 2x
      --------------  --------------  ----------  ----------  ------------------  --------  -----------  ---------
      gpt-3           training FLOPs     3.14e23     3.15e23                1.00         —            —  yes
      chinchilla      training FLOPs     5.76e23     5.88e23                1.02         —            —  yes
      llama-2-70b     GPU-hours        1,720,320   1,869,658                1.09     40.0%        43.5%  yes
      llama-3.1-405b  training FLOPs     3.80e25     3.79e25                1.00         —        34.5%  yes
      llama-3.1-405b  GPU-hours       30,840,000  26,617,796                0.86     40.0%        34.5%  yes
      deepseek-v3     GPU-hours        2,788,000   2,307,044                0.83     40.0%        33.1%  yes
      """)
    let csv = try output(["reality-check", "--csv"]).split(separator: "\n")
    #expect(csv[0] == "preset,metric,published,estimate,ratio,mfu,implied_mfu,within_2x")
    #expect(csv[1] == "gpt-3,training FLOPs,3.14e+23,3.15e+23,1.0031847133757963,,,true")
  }

  @Test func presetsAndCatalogue() throws {
    let presets = try output(["presets"])
    for run in PublishedRun.all { #expect(presets.contains(run.id) && presets.contains(run.source)) }
    let gpus = try output(["gpus", "--csv"]).split(separator: "\n")
    #expect(gpus.count == 16)
    #expect(gpus.contains("h100-sxm,NVIDIA H100 SXM5 80GB,989000000000000,80,700,2.99,NVIDIA H100 datasheet; Lambda price"))
    let text = try output(["gpus"])
    #expect(text.contains("mi300x     AMD Instinct MI300X 192GB            1307.4        192      750        2.50"))
  }

  @Test func jsonIsValidEverywhere() throws {
    let commands = [
      ["train", "--params", "7B", "--tokens", "1T"], ["optimal", "--budget-flops", "1e24"],
      ["finetune", "--params", "7B", "--tokens", "50M"], ["plan", "--params", "7B", "--domain-tokens", "50M"],
      ["presets"], ["reality-check"], ["gpus"],
    ]
    for command in commands {
      for explain in [false, true] {
        let json = try output(command + ["--json"] + (explain ? ["--explain"] : []))
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(json.utf8)) }
      }
    }
  }

  @Test func hardwareFileOverridesThePrice() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cost-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data(#"[{"id": "h100-sxm", "price_per_hour": 2.0}]"#.utf8).write(to: url)
    let text = try output(["train", "--params", "70B", "--tokens", "1.4T", "--hardware", url.path])
    #expect(value(of: "price per GPU-hour", in: text) == "$2.00")
    #expect(value(of: "cost", in: text) == "$826k")  // 412,875 GPU-hours × $2
  }

  // MARK: Bad input

  /// Usage errors found while parsing: exit 64 and one sentence.
  @Test(arguments: [
    (["train", "--params", "0", "--tokens", "1T"], "--params must be greater than zero, got '0'."),
    (["train", "--params", "-7B", "--tokens", "1T"], "--params must be greater than zero, got '-7B'."),
    (["train", "--params", "7X", "--tokens", "1T"],
     "--params: '7X' is not a number I can read (unknown suffix 'X'); write it like 7B, 2.5T, 50M, 12k, 1.5e12 or 175_000_000_000."),
    (["train", "--params", "nan", "--tokens", "1T"],
     "--params: 'nan' is not a number I can read (it is not a finite number); write it like 7B, 2.5T, 50M, 12k, 1.5e12 or 175_000_000_000."),
    (["train", "--params", "7B", "--tokens", "1e400"],
     "--tokens: '1e400' is not a number I can read (it is too large to represent); write it like 7B, 2.5T, 50M, 12k, 1.5e12 or 175_000_000_000."),
    (["train", "--params", "2e15", "--tokens", "1T"], "--params must be at most 1.00e15, got '2e15'."),
    (["train", "--params", "7B", "--tokens", "1T", "--mfu", "1.5"],
     "--mfu must be a fraction greater than 0 and at most 1 (e.g. 0.4 for 40%), got '1.5'."),
    (["train", "--params", "7B", "--tokens", "1T", "--mfu", "nan"],
     "--mfu must be a fraction greater than 0 and at most 1 (e.g. 0.4 for 40%), got 'nan'."),
    (["train", "--params", "7B", "--tokens", "1T", "--gpus", "0"], "--gpus must be between 1 and 100000000, got '0'."),
    (["train", "--params", "7B", "--active-params", "8B", "--tokens", "1T"],
     "--active-params must not exceed --params (the active parameters are a subset of all of them)."),
    (["train", "--params", "7B", "--tokens", "1T", "--layers", "32"],
     "give both --layers and --d-model, or neither (then both are estimated from --params)."),
    (["train", "--params", "7B", "--tokens", "1T", "--json", "--csv"], "choose one of --json and --csv, not both."),
    (["optimal"], "give exactly one of --budget-flops and --budget-usd."),
    (["optimal", "--budget-flops", "1e24", "--budget-usd", "1M"], "give exactly one of --budget-flops and --budget-usd."),
    (["finetune", "--params", "7B", "--tokens", "50M", "--adapter-fraction", "2"],
     "--adapter-fraction must be a fraction greater than 0 and at most 1 (e.g. 0.005 for 0.5%), got '2.0'."),
    (["plan", "--params", "7B", "--domain-tokens", "12k", "--pue", "0.9"], "--pue must be between 1 and 10 (1.2 is typical), got '0.9'."),
  ])
  func usageErrorsExit64(arguments: [String], message: String) {
    do {
      _ = try Workbench.parseAsRoot(["cost"] + arguments)
      Issue.record("expected \(arguments) to be rejected")
    } catch {
      #expect(Workbench.exitCode(for: error).rawValue == 64)
      #expect(Workbench.message(for: error) == message)
    }
  }

  /// Errors found while running (catalogue lookups, files): one sentence and 64, 65 or 66.
  @Test func runTimeErrorsCarryExitCodes() throws {
    let unknown = try #require(try failure(["train", "--params", "7B", "--tokens", "1T", "--gpu", "h100"]))
    #expect(unknown.exitCode == 64)
    #expect(unknown.message == "unknown GPU 'h100'; did you mean h100-sxm, h100-pcie, h800? (`workbench cost gpus` lists them all).")
    let typo = try #require(try failure(["gpus", "--hardware", "/nonexistent/gpus.json"]))
    #expect(typo.exitCode == 66)
    #expect(typo.message == "cannot read the hardware file /nonexistent/gpus.json; check the path given to --hardware.")

    let url = FileManager.default.temporaryDirectory.appendingPathComponent("cost-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data("[\n  {\"id\": \"h100-sxm\",\n   \"price_per_hour\": 1.9\n   \"memory_gb\": 80}\n]\n".utf8).write(to: url)
    let malformed = try #require(try failure(["reality-check", "--hardware", url.path]))
    #expect(malformed.exitCode == 65)
    #expect(malformed.message == "\(url.path) line 4: expected ',' or '}' in an object, found '\"'.")
  }

  /// The failure `workbench cost …` exits with, or `nil` if it succeeds.
  func failure(_ arguments: [String]) throws -> WorkbenchFailure? {
    do {
      _ = try output(arguments)
      return nil
    } catch let failure as WorkbenchFailure {
      return failure
    } catch {
      return WorkbenchFailure(classifying: error)
    }
  }
}
