import Autograd
import Testing

@Suite struct GradientCheckTests {
  @Test(arguments: GradientCheckCatalog.engineCases().map(\.op), KernelImplementation.allCases)
  func everyOpMatchesFiniteDifferences(op: String, kernels: KernelImplementation) throws {
    let testCase = try #require(GradientCheckCatalog.engineCases().first { $0.op == op })
    let report = try testCase.run(kernels: kernels)
    #expect(report.kernels == kernels)
    #expect(report.maxRelativeError <= 1e-6, "\(report.explanation)")
  }

  @Test func aWrongDerivativeIsCaught() throws {
    // x·x written as a custom product whose "gradient" is taken from a detached copy:
    // only one factor receives a gradient, so the check must fail.
    let x = Tensor<Double>([0.5, -1.5, 2.0], requiresGrad: true)
    let report = try GradientCheck.check("half-gradient square", inputs: [x]) { inputs in
      try inputs[0] * inputs[0].detached()
    }
    #expect(!report.passed)
    #expect(report.maxRelativeError > 0.1)
  }
}
