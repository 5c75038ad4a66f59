// swift-tools-version:6.0
import PackageDescription

/// Release builds optimise across module boundaries so that the generic tensor
/// kernels in `Autograd` are specialised for `Float`/`Double` in their callers.
///
/// The numeric targets are optimised in debug builds too: `swift test` builds in debug, and
/// the lessons' quick runs train real models there (unoptimised generic code is ~100× slower).
/// On x86-64 Linux, code for CPUs with AVX2 and FMA (Haswell, 2013, and later: every x86-64-v3
/// machine; this compiler does not accept the name `x86-64-v3`), so that the engine's SIMD kernels use
/// 8-wide registers and fused multiply-adds. `WORKBENCH_FMA` tells the kernels that FMA is there (without
/// it, `addingProduct` would be a library call per lane). Every target, tests included, gets the same
/// setting: SIMD values are passed in different registers with and without AVX.
#if arch(x86_64)
  let cpu: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell", "-DWORKBENCH_FMA"], .when(platforms: [.linux]))]
#else
  let cpu: [SwiftSetting] = []
#endif

let optimised: [SwiftSetting] = [
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
  .unsafeFlags(["-O", "-cross-module-optimization"], .when(configuration: .debug)),
] + cpu

let package = Package(
  name: "workbench",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "workbench", targets: ["workbench"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // C libraries, wrapped as system libraries (module.modulemap + shim.h).
    .systemLibrary(
      name: "CLibPNG", pkgConfig: "libpng",
      providers: [.apt(["libpng-dev"])]),
    .systemLibrary(
      name: "CFreeType", pkgConfig: "freetype2",
      providers: [.apt(["libfreetype-dev"])]),

    // Layers, bottom-up: each uses only the ones listed before it.
    .target(name: "Autograd", swiftSettings: optimised),
    .target(name: "NeuralNet", dependencies: ["Autograd"], swiftSettings: optimised),
    .target(name: "Plotting", dependencies: ["CLibPNG", "CFreeType"], swiftSettings: optimised),
    .target(name: "TrainingCost", swiftSettings: optimised),
    .target(name: "CostReports", dependencies: ["TrainingCost", "Plotting"], swiftSettings: optimised),
    .target(
      name: "Lessons", dependencies: ["Autograd", "NeuralNet", "Plotting", "TrainingCost"],
      swiftSettings: optimised),
    .target(
      name: "GlossarySite",
      dependencies: [
        "Lessons", "TrainingCost", "CostReports", "Plotting",
        .product(name: "Ink", package: "Ink"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: optimised),
    .target(
      name: "WorkbenchCommands",
      dependencies: [
        "Autograd", "NeuralNet", "Plotting", "TrainingCost", "CostReports", "Lessons", "GlossarySite",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: optimised),
    .executableTarget(name: "workbench", dependencies: ["WorkbenchCommands"], swiftSettings: optimised),

    .testTarget(name: "AutogradTests", dependencies: ["Autograd"], swiftSettings: cpu),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Autograd"], swiftSettings: cpu),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CLibPNG"], swiftSettings: cpu),
    .testTarget(name: "TrainingCostTests", dependencies: ["TrainingCost"], swiftSettings: cpu),
    .testTarget(name: "CostReportsTests", dependencies: ["CostReports", "TrainingCost", "Plotting"], swiftSettings: cpu),
    .testTarget(name: "LessonsTests", dependencies: ["Lessons", "Plotting", "NeuralNet", "Autograd", "TrainingCost", "CostReports"], swiftSettings: cpu),
    .testTarget(name: "GlossarySiteTests", dependencies: ["GlossarySite", "Lessons"], swiftSettings: cpu),
    .testTarget(name: "WorkbenchCommandsTests", dependencies: ["WorkbenchCommands"], swiftSettings: cpu),
  ]
)

// The fuzz harness (`Fuzz/Sources/WorkbenchFuzz`) exists only in fuzz builds, which
// `scripts/fuzz.sh` makes with `WORKBENCH_FUZZ=1` in their own build folder `.build-fuzz/`, so that
// normal builds never compile it: it needs `-sanitize=fuzzer` (libFuzzer supplies `main`).
if Context.environment["WORKBENCH_FUZZ"] == "1" {
  package.targets += [
    .target(name: "CFuzzDriver", path: "Fuzz/Sources/CFuzzDriver"),
    .executableTarget(
      name: "WorkbenchFuzz",
      dependencies: ["CFuzzDriver", "NeuralNet", "Plotting", "TrainingCost", "Lessons", "GlossarySite"],
      path: "Fuzz/Sources/WorkbenchFuzz", swiftSettings: cpu),
  ]
  package.products.append(.executable(name: "WorkbenchFuzz", targets: ["WorkbenchFuzz"]))
}
