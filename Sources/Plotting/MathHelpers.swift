import Foundation

/// log₁₀ without ambiguity against the `AxisScale.log10` case name.
@inline(__always)
func Foundation_log10(_ v: Double) -> Double { Foundation.log10(v) }

/// 10 raised to `t`.
@inline(__always)
func pow10(_ t: Double) -> Double { Foundation.pow(10, t) }
