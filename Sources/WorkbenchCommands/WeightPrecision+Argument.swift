import ArgumentParser
import Autograd

/// `--weights f32|bf16|int8`.
extension WeightPrecision: ExpressibleByArgument {}
