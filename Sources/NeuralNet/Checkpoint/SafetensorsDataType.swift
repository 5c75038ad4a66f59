/// An element type as spelled in a safetensors header (`"dtype"`), and how many bytes one element takes.
///
/// The workbench writes `F32` and `F64`; it also reads `F16` (IEEE 754 half) and `BF16` (bfloat16),
/// widening them to `Float`, because published checkpoints are often stored that way.
public enum SafetensorsDataType: String, CaseIterable, Sendable, Codable {
  /// IEEE 754 binary16 (half precision), little-endian. Read only.
  case float16 = "F16"
  /// bfloat16: the top 16 bits of an IEEE 754 binary32, little-endian. Read only.
  case bfloat16 = "BF16"
  /// IEEE 754 binary32 (`Float`), little-endian.
  case float32 = "F32"
  /// IEEE 754 binary64 (`Double`), little-endian.
  case float64 = "F64"

  /// Bytes per element: 2, 2, 4 or 8.
  public var byteCount: Int {
    switch self {
    case .float16, .bfloat16: return 2
    case .float32: return 4
    case .float64: return 8
    }
  }

  /// The dtypes that the safetensors reference implementation knows but the workbench does not read
  /// (integers, booleans and 8-bit floats), so that the error can say "unsupported" instead of "unknown".
  static let knownButUnsupported: Set<String> = [
    "BOOL", "U8", "I8", "U16", "I16", "U32", "I32", "U64", "I64", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3",
    "F6_E3M2", "C64",
  ]
}
