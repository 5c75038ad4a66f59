import Foundation
import Testing

@testable import NeuralNet

/// Runs Python snippets against the reference `safetensors` package, when it is installed.
enum PythonSafetensors {
  /// True when `python3 -c "import safetensors.numpy, numpy"` succeeds.
  static let isAvailable: Bool = (try? run("import safetensors.numpy, numpy", arguments: []))?.status == 0

  /// Runs `python3 -c script arguments…`, returning the exit status and standard output.
  static func run(_ script: String, arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}

/// Never skipped: `.ci/run` installs the packages, and a machine without them fails here with the fix.
@Suite struct SafetensorsPythonTests {
  @Test("python3 with the safetensors and numpy packages is installed (`pip install safetensors numpy`)")
  func referencePackagesAreInstalled() {
    #expect(PythonSafetensors.isAvailable, "run `pip install safetensors numpy` (the CI script .ci/run does)")
  }

  @Test func referenceLoaderReadsOurFile() throws {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("ours.safetensors")
    let weights: [Float] = [0.5, -1.25, 3.0e-8, 65504, -0.0, 1.0 / 3.0]
    let file = SafetensorsFile(
      tensors: [
        "h.0.mlp.c_fc.weight": SafetensorsArray(shape: [2, 3], scalars: weights),
        "wpe.weight": SafetensorsArray(shape: [1, 2], scalars: [Double.pi, -1e-300]),
        "scalar": SafetensorsArray(shape: [], scalars: [Float(7)]),
        "Zero": SafetensorsArray(shape: [0, 4], scalars: [Float]()),
      ],
      metadata: ["tokenizer": #"["\n"," ","é"]"#, "format": "pt"])
    try file.write(to: url)

    let script = """
      import json, sys
      from safetensors import safe_open
      from safetensors.numpy import load_file
      tensors = load_file(sys.argv[1])
      with safe_open(sys.argv[1], framework="np") as f:
          metadata = f.metadata()
      print(json.dumps({
          "metadata": metadata,
          "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": [float(x) for x in v.reshape(-1)]}
                      for k, v in tensors.items()}}))
      """
    let (status, output) = try PythonSafetensors.run(script, arguments: [url.path])
    try #require(status == 0)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    #expect(json["metadata"] as? [String: String] == file.metadata)
    let tensors = try #require(json["tensors"] as? [String: [String: Any]])
    #expect(Set(tensors.keys) == Set(file.tensors.keys))
    let expectedTypes = ["h.0.mlp.c_fc.weight": "float32", "wpe.weight": "float64", "scalar": "float32", "Zero": "float32"]
    for (name, array) in file.tensors {
      let loaded = try #require(tensors[name])
      #expect(loaded["dtype"] as? String == expectedTypes[name])
      #expect(loaded["shape"] as? [Int] == array.shape)
      let values = try #require(loaded["values"] as? [Double])
      #expect(values.map(\.bitPattern) == array.scalars(as: Double.self).map(\.bitPattern), "\(name)")
    }
  }

  @Test func weReadTheReferenceWritersFile() throws {
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("theirs.safetensors")
    let script = """
      import json, sys
      import numpy as np
      from safetensors.numpy import save_file
      t = {
          "half": np.array([[1.0, -2.5], [65504.0, 6.0e-8]], dtype=np.float16),
          "single": np.arange(6, dtype=np.float32).reshape(3, 2) / 7,
          "double": np.array([np.pi, -1e-300], dtype=np.float64),
      }
      save_file(t, sys.argv[1], metadata={"step": "100"})
      print(json.dumps({k: [float(x) for x in v.reshape(-1)] for k, v in t.items()}))
      """
    let (status, output) = try PythonSafetensors.run(script, arguments: [url.path])
    try #require(status == 0)
    let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: [Double]])
    let file = try SafetensorsFile.read(from: url)
    #expect(file.metadata == ["step": "100"])
    #expect(file.tensors["half"]?.shape == [2, 2])
    #expect(file.tensors["single"]?.shape == [3, 2])
    #expect(file.tensors["double"]?.dataType == .float64)
    for (name, values) in expected {
      #expect(try #require(file.tensors[name]).scalars(as: Double.self) == values, "\(name)")
    }
  }

  @Test func ourBytesEqualTheReferenceWritersBytes() throws {
    // With one dtype and one metadata key, the reference's order (alignment, then name) equals ours.
    let folder = try ScratchFolder()
    defer { folder.remove() }
    let url = folder.file("theirs.safetensors")
    let script = """
      import sys
      import numpy as np
      from safetensors.numpy import save_file
      save_file({"wte.weight": np.array([[0.25, -1.0, 3.5]], dtype=np.float32),
                 "ln_f.bias": np.array([2.0, 4.0], dtype=np.float32),
                 "b": np.zeros((0,), dtype=np.float32)}, sys.argv[1], metadata={"tokenizer": "[\\"a\\"]"})
      """
    let (status, _) = try PythonSafetensors.run(script, arguments: [url.path])
    try #require(status == 0)
    let ours = SafetensorsFile(
      tensors: [
        "wte.weight": SafetensorsArray(shape: [1, 3], scalars: [Float(0.25), -1, 3.5]),
        "ln_f.bias": SafetensorsArray(shape: [2], scalars: [Float(2), 4]),
        "b": SafetensorsArray(shape: [0], scalars: [Float]()),
      ],
      metadata: ["tokenizer": #"["a"]"#])
    #expect(try ours.encoded() == Array(try Data(contentsOf: url)))
  }
}
