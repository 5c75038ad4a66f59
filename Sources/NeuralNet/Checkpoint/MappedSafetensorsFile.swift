import Autograd
import Foundation

/// A safetensors file mapped into memory with its header checked as ``SafetensorsFile/read(from:)``
/// checks it, whose tensors are converted only when asked for: a loader copies (or transposes) each
/// one straight from the file into the parameter that holds it, instead of into an array of its own
/// first.
public struct MappedSafetensorsFile: Sendable {
  /// One tensor of the file: element type and shape (outermost first).
  public struct Tensor: Sendable, Equatable {
    public let dataType: SafetensorsDataType
    public let shape: [Int]
    /// Number of elements (the product of `shape`).
    public var count: Int { shape.reduce(1, *) }
  }

  /// The file, mapped (not read) into memory.
  private let bytes: Data
  /// The path, for errors.
  public let path: String
  private let layout: SafetensorsFile.Layout
  private let index: [String: Int]

  /// Maps the safetensors file at `url` and checks its header.
  /// - Throws: `SafetensorsError` naming the first problem found (missing file, a folder,
  ///   truncation, bad header, unsupported dtype, inconsistent offsets, duplicate names).
  public init(contentsOf url: URL) throws {
    path = url.path
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw SafetensorsError.fileMissing(path: path)
    }
    guard !isFolder.boolValue else {
      throw SafetensorsError.unreadable(path: path, reason: "it is a folder, not a file")
    }
    do {
      bytes = try Data(contentsOf: url, options: .alwaysMapped)
    } catch {
      throw SafetensorsError.unreadable(path: path, reason: (error as NSError).localizedDescription)
    }
    let path = self.path
    layout = try bytes.withUnsafeBytes { try SafetensorsFile.layout(of: $0, path: path) }
    index = Dictionary(uniqueKeysWithValues: layout.entries.enumerated().map { ($0.element.name, $0.offset) })
  }

  /// The tensors, by name.
  public var tensors: [String: Tensor] {
    index.mapValues { Tensor(dataType: layout.entries[$0].dataType, shape: layout.entries[$0].shape) }
  }

  /// Free-form string metadata stored under `__metadata__`.
  public var metadata: [String: String] { layout.metadata }

  /// Every tensor converted (`F32`/`F64` as stored, half precision widened to `Float`).
  public func decoded() -> SafetensorsFile {
    var tensors: [String: SafetensorsArray] = [:]
    for name in index.keys { tensors[name] = array(name) }
    return SafetensorsFile(tensors: tensors, metadata: metadata)
  }

  /// The tensor `name` converted as in ``decoded()``.
  /// - Precondition: the file has a tensor `name`.
  public func array(_ name: String) -> SafetensorsArray {
    let entry = layout.entries[index[name]!]
    return withRaw(entry) { SafetensorsArray(shape: entry.shape, scalars: SafetensorsFile.scalars($0, entry.dataType)) }
  }

  /// Writes the elements of tensor `name` as `Float` into `out`, in stored (row-major) order, or, when
  /// `transposed`, as the transpose of the stored `[rows, columns]` matrix (`out[c·rows + r]` =
  /// element `[r, c]`). `F64` values are rounded to `Float`; half precision is widened exactly.
  /// - Precondition: the file has a tensor `name` with `out.count` elements (and two dimensions when `transposed`).
  public func read(_ name: String, into out: UnsafeMutableBufferPointer<Float>, transposed: Bool = false) {
    let entry = layout.entries[index[name]!]
    let count = entry.shape.reduce(1, *)
    precondition(out.count == count, "\(name) has \(count) elements, not \(out.count)")
    precondition(!transposed || entry.shape.count == 2, "\(name) is not a matrix")
    guard count > 0 else { return }
    func write(_ values: UnsafePointer<Float>) {
      if transposed {
        Kernels.transpose(values, batches: 1, rows: entry.shape[0], cols: entry.shape[1], into: out.baseAddress!)
      } else {
        out.baseAddress!.update(from: values, count: count)
      }
    }
    withRaw(entry) { raw in
      // Float32 stored aligned, on a little-endian machine: straight from the mapping.
      #if _endian(little)
        let direct = entry.dataType == .float32 && Int(bitPattern: raw.baseAddress) % MemoryLayout<Float>.alignment == 0
      #else
        let direct = false
      #endif
      if direct { return write(raw.bindMemory(to: Float.self).baseAddress!) }
      let values = SafetensorsArray(shape: entry.shape, scalars: SafetensorsFile.scalars(raw, entry.dataType)).scalars(as: Float.self)
      values.withUnsafeBufferPointer { write($0.baseAddress!) }
    }
  }

  /// Calls `body` with the stored bytes of `entry`.
  private func withRaw<R>(_ entry: SafetensorsFile.Entry, _ body: (UnsafeRawBufferPointer) -> R) -> R {
    bytes.withUnsafeBytes { file in
      body(UnsafeRawBufferPointer(rebasing: file[(layout.dataStart + entry.begin)..<(layout.dataStart + entry.end)]))
    }
  }
}
