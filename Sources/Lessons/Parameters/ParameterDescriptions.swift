/// Plain-English descriptions of what each parameter tensor of the lesson models does.
enum ParameterDescriptions {
  /// For an MLP tensor named `layers.<i>.weight|bias` in a network of `sizes`.
  static func mlp(_ name: String, sizes: [Int]) -> String {
    let parts = name.split(separator: ".")
    guard parts.count == 3, let layer = Int(parts[1]), layer + 1 < sizes.count else { return "" }
    let (inputs, outputs) = (sizes[layer], sizes[layer + 1])
    let isOutput = layer + 2 == sizes.count
    let place = isOutput ? "output layer" : "hidden layer \(layer + 1)"
    if parts[2] == "weight" {
      return "\(place) weights: how strongly each of \(inputs) inputs drives each of \(outputs) \(isOutput ? "outputs" : "units")"
    }
    return "\(place) biases: one offset per \(isOutput ? "output" : "unit") (\(outputs))"
  }

  /// For a GPT-2 style tensor name (`wte.weight`, `h.0.attn.c_attn.weight`, …).
  static func gpt(_ name: String) -> String {
    let kind = name.hasSuffix(".bias") ? "bias" : "weight"
    if name.hasPrefix("wte.") { return "token embedding: one vector per token; reused as the output layer (tied)" }
    if name.hasPrefix("wpe.") { return "position embedding: one vector per position in the context" }
    if name.hasPrefix("ln_f.") { return "final LayerNorm \(kind == "weight" ? "gain" : "shift") before the output" }
    if name.contains(".ln_1.") { return "LayerNorm \(kind == "weight" ? "gain" : "shift") before attention" }
    if name.contains(".ln_2.") { return "LayerNorm \(kind == "weight" ? "gain" : "shift") before the MLP" }
    if name.contains(".attn.c_attn.") { return "attention: query, key and value projections (\(kind == "weight" ? "weights" : "biases"))" }
    if name.contains(".attn.c_proj.") { return "attention: output projection back into the residual stream (\(kind == "weight" ? "weights" : "biases"))" }
    if name.contains(".mlp.c_fc.") { return "MLP: expansion to 4× the width (\(kind == "weight" ? "weights" : "biases"))" }
    if name.contains(".mlp.c_proj.") { return "MLP: projection back to the width (\(kind == "weight" ? "weights" : "biases"))" }
    return ""
  }
}
