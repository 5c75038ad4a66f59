import NeuralNet

/// Decodes the bytes as a safetensors file; when they decode, reads every tensor as `Float` and
/// encodes the file again (the writer must accept whatever the reader accepted).
enum FuzzSafetensors {
  static func run(_ bytes: [UInt8]) {
    guard let file = try? SafetensorsFile.decode(bytes, path: "fuzz.safetensors") else { return }
    var total = 0
    for (_, array) in file.tensors {
      total += array.scalars(as: Float.self).count
      precondition(array.shape.reduce(1, *) == array.scalars(as: Float.self).count, "shape and scalar count disagree")
    }
    _ = total
    _ = try? file.encoded()
  }
}
