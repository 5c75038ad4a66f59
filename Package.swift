// swift-tools-version:6.0
import PackageDescription

/// Release builds optimise across module boundaries so that the generic tensor
/// kernels in `Autograd` are specialised for `Float`/`Double` in their callers.
///
/// The numeric targets are optimised in debug builds too: `swift test` builds in debug, and
/// the lessons' quick runs train real models there (unoptimised generic code is ~100× slower).
/// No target uses a CPU-specific flag: the fast kernels are C (`CKernels`), compiled once per family of
/// vector instructions (AVX-512, AVX2+FMA, baseline) with per-function target attributes, and the
/// family the CPU has is chosen at run time. The C kernels are optimised in debug builds too.
let optimised: [SwiftSetting] = [
  .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
  .unsafeFlags(["-O", "-cross-module-optimization"], .when(configuration: .debug)),
]

let optimisedC: [CSetting] = [.unsafeFlags(["-O2"], .when(configuration: .debug))]

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
    // The lab's HTTP server (`workbench serve`): chosen over Hummingbird for its build cost (see the README).
    .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
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
    .target(name: "WorkbenchFiles"),
    .target(name: "CKernels", cSettings: optimisedC),
    .target(name: "Autograd", dependencies: ["CKernels"], swiftSettings: optimised),
    .target(name: "NeuralNet", dependencies: ["Autograd", "WorkbenchFiles"], swiftSettings: optimised),
    .target(name: "Plotting", dependencies: ["CLibPNG", "CFreeType", "WorkbenchFiles"], swiftSettings: optimised),
    .target(name: "Training", dependencies: ["WorkbenchFiles", "Autograd", "NeuralNet", "Plotting"], swiftSettings: optimised),
    .target(name: "TrainingCost", dependencies: ["WorkbenchFiles"], swiftSettings: optimised),
    .target(name: "CostReports", dependencies: ["TrainingCost", "Plotting"], swiftSettings: optimised),
    .target(
      name: "Lessons", dependencies: ["WorkbenchFiles", "Autograd", "NeuralNet", "Training", "Plotting", "TrainingCost"],
      swiftSettings: optimised),
    .target(
      name: "GlossarySite",
      dependencies: [
        "WorkbenchFiles", "Lessons", "TrainingCost", "CostReports", "Plotting",
        .product(name: "Ink", package: "Ink"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: optimised),
    .target(
      name: "Lab",
      dependencies: ["WorkbenchFiles", "Training", "Lessons", .product(name: "FlyingFox", package: "FlyingFox")],
      swiftSettings: optimised),
    .target(
      name: "WorkbenchCommands",
      dependencies: [
        "WorkbenchFiles", "Autograd", "NeuralNet", "Training", "Plotting", "TrainingCost", "CostReports", "Lessons", "GlossarySite", "Lab",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Yams", package: "Yams"),
      ],
      swiftSettings: optimised),
    .executableTarget(name: "workbench", dependencies: ["WorkbenchCommands"], swiftSettings: optimised),

    // The tests' runner of the Python oracles (torch, transformers, PEFT, safetensors, TensorBoard…).
    .target(name: "PythonOracle", path: "Tests/PythonOracle"),
    .testTarget(name: "WorkbenchFilesTests", dependencies: ["WorkbenchFiles"]),
    .testTarget(name: "AutogradTests", dependencies: ["Autograd"]),
    .testTarget(name: "NeuralNetTests", dependencies: ["NeuralNet", "Autograd", "PythonOracle"]),
    .testTarget(name: "TrainingTests", dependencies: ["Training", "NeuralNet", "Autograd", "WorkbenchFiles", "Plotting"]),
    .testTarget(name: "PlottingTests", dependencies: ["Plotting", "CLibPNG", "WorkbenchFiles", "PythonOracle"]),
    .testTarget(name: "TrainingCostTests", dependencies: ["TrainingCost", "WorkbenchFiles", "PythonOracle"]),
    .testTarget(name: "CostReportsTests", dependencies: ["CostReports", "TrainingCost", "Plotting"]),
    .testTarget(
      name: "LessonsTests", dependencies: ["Lessons", "Training", "Plotting", "NeuralNet", "Autograd", "TrainingCost", "CostReports", "WorkbenchFiles"]),
    .testTarget(name: "GlossarySiteTests", dependencies: ["GlossarySite", "Lessons", "WorkbenchFiles"]),
    .testTarget(
      name: "LabTests", dependencies: ["Lab", "Lessons", "WorkbenchFiles", "PythonOracle", .product(name: "FlyingFox", package: "FlyingFox")],
      exclude: ["lab_browser.py", "lab_load.py", "next_token_probabilities.py"]),
    .testTarget(name: "WorkbenchCommandsTests", dependencies: ["WorkbenchCommands", "WorkbenchFiles", "Training", "PythonOracle"]),
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
      dependencies: ["CFuzzDriver", "NeuralNet", "Plotting", "TrainingCost", "Training", "Lessons", "GlossarySite", "WorkbenchFiles"],
      path: "Fuzz/Sources/WorkbenchFuzz"),
  ]
  package.products.append(.executable(name: "WorkbenchFuzz", targets: ["WorkbenchFuzz"]))
}

// Data-parallel training across processes (`mpirun -np N workbench train …`) exists only in builds
// made with `WORKBENCH_MPI=1`, which need Open MPI (pkg-config `ompi-c`). Such a build adds two small
// targets, the Open MPI module and its transport, and makes the executable register the transport at
// start-up; every other target is compiled with the same settings as in the default build, so in the
// same build folder only the executable is compiled again and relinked.
if Context.environment["WORKBENCH_MPI"] == "1" {
  package.targets += [
    .systemLibrary(
      name: "COpenMPI", pkgConfig: "ompi-c",
      providers: [.apt(["libopenmpi-dev", "openmpi-bin"]), .brew(["open-mpi"])]),
    .target(name: "MPITransport", dependencies: ["COpenMPI", "Training"], swiftSettings: optimised),
    .testTarget(name: "MPITransportTests", dependencies: ["MPITransport", "Training", "NeuralNet", "Autograd", "Plotting"]),
  ]
  if let executable = package.targets.first(where: { $0.name == "workbench" }) {
    executable.dependencies.append("MPITransport")
    executable.swiftSettings = (executable.swiftSettings ?? []) + [.define("WORKBENCH_MPI")]
  }
}
