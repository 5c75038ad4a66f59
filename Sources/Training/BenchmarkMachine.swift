import Autograd
import Foundation

/// The machine a measurement ran on, as benchmark records name it: the CPU model, the workbench's
/// kernel family and the operating system's kernel release.
public struct BenchmarkMachine: Sendable, Equatable, CustomStringConvertible {
  /// The CPU's model name (`lscpu`'s "Model name", from `/proc/cpuinfo`), or "unknown CPU".
  public let cpu: String
  /// The family of C kernels this process runs (`avx512`, `avx2`, `baseline`, `neon`).
  public let kernels: String
  /// The operating system and its kernel release up to the minor version, for example `Linux 6.18`.
  public let system: String

  /// This machine.
  public static func current() -> BenchmarkMachine {
    BenchmarkMachine(cpu: cpuModel() ?? "unknown CPU", kernels: KernelFamily.active.rawValue, system: systemRelease())
  }

  public init(cpu: String, kernels: String, system: String) {
    self.cpu = cpu
    self.kernels = kernels
    self.system = system
  }

  /// `AMD EPYC 9B14, avx512 kernels, Linux 6.18`.
  public var description: String { "\(cpu), \(kernels) kernels, \(system)" }

  /// The first "model name" of `/proc/cpuinfo` (Linux) or `machdep.cpu.brand_string` (macOS).
  static func cpuModel() -> String? {
    #if os(Linux)
      guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
      return modelName(inCPUInfo: text)
    #else
      var size = 0
      guard sysctlbyname("machdep.cpu.brand_string", nil, &size, nil, 0) == 0, size > 1 else { return nil }
      var bytes = [CChar](repeating: 0, count: size)
      guard sysctlbyname("machdep.cpu.brand_string", &bytes, &size, nil, 0) == 0 else { return nil }
      return String(decoding: bytes.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #endif
  }

  /// The value of the first `model name` line of a `/proc/cpuinfo` text (spaces collapsed).
  static func modelName(inCPUInfo text: String) -> String? {
    for line in text.split(separator: "\n") where line.hasPrefix("model name") {
      guard let colon = line.firstIndex(of: ":") else { continue }
      let name = line[line.index(after: colon)...].split(whereSeparator: \.isWhitespace).joined(separator: " ")
      if !name.isEmpty { return name }
    }
    return nil
  }

  /// `uname`'s system name and release cut to major.minor: `Linux 6.18`, `Darwin 24.1`.
  static func systemRelease() -> String {
    var names = utsname()
    uname(&names)
    func text<T>(_ field: T) -> String {
      withUnsafeBytes(of: field) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
    let release = text(names.release).split(separator: ".").prefix(2).joined(separator: ".")
    return "\(text(names.sysname)) \(release)".trimmingCharacters(in: .whitespaces)
  }
}
