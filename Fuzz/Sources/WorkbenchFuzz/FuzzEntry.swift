import CFuzzDriver
import Foundation

/// The target that this run fuzzes, named by the environment variable `WORKBENCH_FUZZ_TARGET`
/// (`scripts/fuzz.sh` sets it); read once, on the first input.
let selectedTarget: FuzzTarget = {
  let name = ProcessInfo.processInfo.environment["WORKBENCH_FUZZ_TARGET"] ?? ""
  guard let target = FuzzTarget(rawValue: name) else {
    let names = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
    FileHandle.standardError.write(Data("WORKBENCH_FUZZ_TARGET must be one of: \(names) (got \"\(name)\")\n".utf8))
    exit(64)
  }
  return target
}()

/// libFuzzer's entry point: runs one input (`count` bytes at `data`) through the selected reader.
/// Returning 0 means "input consumed"; a crash, a trap or a sanitizer report is a finding.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
  let bytes = count == 0 || data == nil ? [] : Array(UnsafeBufferPointer(start: data, count: count))
  selectedTarget.run(bytes)
  return 0
}
