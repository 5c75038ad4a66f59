import CKernels
import Foundation

/// A family of vector instructions the fast kernels are compiled for (each kernel body is written
/// once in C, `Sources/CKernels`, and compiled once per family). The kernels run the widest family
/// the CPU has, detected at run time; the environment variable `WORKBENCH_KERNELS` or
/// ``KernelFamily/override`` choose another. The same family on the same machine gives the same bits;
/// different families may differ in the last bits (fused multiply-adds, a different summation
/// blocking).
public enum KernelFamily: String, CaseIterable, Sendable, CustomStringConvertible {
  /// 128-bit vectors: SSE2 on x86-64 (no fused multiply-add), NEON on arm64.
  case baseline
  /// 256-bit AVX2 vectors with fused multiply-add (x86-64).
  case avx2
  /// 512-bit AVX-512 (F, VL, BW, DQ) vectors with fused multiply-add (x86-64).
  case avx512

  /// The name used by `WORKBENCH_KERNELS` and the benchmark JSON.
  public var description: String { rawValue }

  /// The value the C kernels take for this family.
  var code: wb_family {
    switch self {
    case .baseline: WB_FAMILY_BASELINE
    case .avx2: WB_FAMILY_AVX2
    case .avx512: WB_FAMILY_AVX512
    }
  }

  /// Whether this CPU can run the family's kernels.
  public var isSupported: Bool { wb_kernels_cpu_supports(code) != 0 }

  /// The families this CPU can run, narrowest first.
  public static var supported: [KernelFamily] { allCases.filter(\.isSupported) }

  /// The widest family this CPU can run.
  public static let widest: KernelFamily = {
    switch wb_kernels_widest() {
    case WB_FAMILY_AVX512: .avx512
    case WB_FAMILY_AVX2: .avx2
    default: .baseline
    }
  }()

  /// The family chosen for the current task (tests and benchmarks compare families with
  /// `KernelFamily.$override.withValue(.baseline) { … }`); nil means the process default.
  @TaskLocal public static var override: KernelFamily?

  /// The family `WORKBENCH_KERNELS` asks for, or the widest one when it is unset (or invalid:
  /// the command line refuses an invalid value with ``checkEnvironment()`` before any kernel runs).
  public static let processDefault: KernelFamily = (try? fromEnvironment()) ?? widest

  /// The family the kernels use now: the task's override, else the process default.
  public static var active: KernelFamily { override ?? processDefault }

  /// The family named by `WORKBENCH_KERNELS`, or the widest one when the variable is unset or empty.
  public static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws(KernelFamilyError) -> KernelFamily {
    guard let value = environment["WORKBENCH_KERNELS"], !value.isEmpty else { return widest }
    guard let family = KernelFamily(rawValue: value.lowercased()) else { throw .unknown(value) }
    guard family.isSupported else { throw .unsupported(family) }
    return family
  }

  /// Throws when `WORKBENCH_KERNELS` names no family, or one this CPU cannot run.
  public static func checkEnvironment() throws(KernelFamilyError) { _ = try fromEnvironment() }
}

/// A kernel family that cannot be used, with how to fix the choice.
public enum KernelFamilyError: Error, Equatable, CustomStringConvertible {
  /// `WORKBENCH_KERNELS` holds a name that is not a family.
  case unknown(String)
  /// The family exists but this CPU lacks its instructions.
  case unsupported(KernelFamily)

  public var description: String {
    let names = KernelFamily.supported.map(\.rawValue).joined(separator: ", ")
    switch self {
    case .unknown(let value):
      return "WORKBENCH_KERNELS=\(value) names no kernel family; use one of \(names), or unset it to use the widest."
    case .unsupported(let family):
      return "WORKBENCH_KERNELS=\(family) asks for instructions this CPU lacks; use one of \(names), or unset it to use the widest."
    }
  }
}
