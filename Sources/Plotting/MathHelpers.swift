import Foundation

/// log₁₀ of `v` (named so as not to clash with the `AxisScale.log10` case).
@inline(__always)
func decimalLog(_ v: Double) -> Double { Foundation.log10(v) }

/// 10 raised to `t`.
@inline(__always)
func pow10(_ t: Double) -> Double { Foundation.pow(10, t) }
