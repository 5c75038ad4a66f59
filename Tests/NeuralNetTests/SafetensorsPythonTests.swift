import Foundation
import PythonOracle
import Testing

@testable import NeuralNet

/// Runs Python snippets against the reference `safetensors` package.
enum PythonSafetensors {
  /// True when `python3` can import `safetensors.numpy` and `numpy`.
  static let isAvailable: Bool =
    (try? PythonOracle.run(source: "import safetensors.numpy, numpy\nfrom oracle_result import write_result\nwrite_result(True)")) != nil

  /// Runs `python3 -c script arguments…` and returns what the script wrote with `write_result`.
  static func run(_ script: String, arguments: [String]) throws -> Data {
    try PythonOracle.run(source: script, arguments: arguments)
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
      import sys
      from oracle_result import write_result
      from safetensors import safe_open
      from safetensors.numpy import load_file
      tensors = load_file(sys.argv[1])
      with safe_open(sys.argv[1], framework="np") as f:
          metadata = f.metadata()
      write_result({
          "metadata": metadata,
          "tensors": {k: {"dtype": str(v.dtype), "shape": list(v.shape), "values": [float(x) for x in v.reshape(-1)]}
                      for k, v in tensors.items()}})
      """
    let output = try PythonSafetensors.run(script, arguments: [url.path])
    let json = try #require(try JSONSerialization.jsonObject(with: output) as? [String: Any])
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
      import sys
      import numpy as np
      from oracle_result import write_result
      from safetensors.numpy import save_file
      t = {
          "half": np.array([[1.0, -2.5], [65504.0, 6.0e-8]], dtype=np.float16),
          "single": np.arange(6, dtype=np.float32).reshape(3, 2) / 7,
          "double": np.array([np.pi, -1e-300], dtype=np.float64),
      }
      save_file(t, sys.argv[1], metadata={"step": "100"})
      write_result({k: [float(x) for x in v.reshape(-1)] for k, v in t.items()})
      """
    let output = try PythonSafetensors.run(script, arguments: [url.path])
    let expected = try #require(try JSONSerialization.jsonObject(with: output) as? [String: [Double]])
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
      from oracle_result import write_result
      from safetensors.numpy import save_file
      save_file({"wte.weight": np.array([[0.25, -1.0, 3.5]], dtype=np.float32),
                 "ln_f.bias": np.array([2.0, 4.0], dtype=np.float32),
                 "b": np.zeros((0,), dtype=np.float32)}, sys.argv[1], metadata={"tokenizer": "[\\"a\\"]"})
      write_result(True)
      """
    _ = try PythonSafetensors.run(script, arguments: [url.path])
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
