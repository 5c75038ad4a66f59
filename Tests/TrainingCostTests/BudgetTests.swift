import Testing
@testable import TrainingCost

@Suite struct BudgetTests {
  @Test func convertsFLOPsToHoursDaysDollarsAndEnergy() {
    // 5.88e23 / (989e12 × 0.4) / 3600 = 412,874.958 GPU-hours.
    let hours = Budget.gpuHours(flops: 5.88e23, peakFLOPS: 989e12, utilization: 0.4)
    #expect(abs(hours - 412_874.957_869_902) < 1e-6)
    #expect(Budget.wallClockDays(gpuHours: 24_000, gpus: 100) == 10)
    #expect(Budget.dollars(gpuHours: 1000, pricePerHour: 2.5) == 2500)
    // 1000 h × 700 W = 700 kWh at the boards, × PUE 1.2 = 840 kWh.
    #expect(abs(Budget.energyKWh(gpuHours: 1000, watts: 700, pue: 1.2) - 840) < 1e-9)
    #expect(Budget.defaultPUE == 1.2)
    #expect(Budget.defaultMFU == 0.4)
  }

  @Test func countsGPUsForADeadline() {
    #expect(Budget.gpusForDeadline(gpuHours: 1000, days: 1) == 42)  // 41.67 → 42
    #expect(Budget.gpusForDeadline(gpuHours: 2400, days: 10) == 10)  // exactly 10
    #expect(Budget.gpusForDeadline(gpuHours: 1, days: 30) == 1)
    #expect(Budget.wholeCount(1.12e12 / 8e10) == 14)  // 14.000000000000002 is 14
    #expect(Budget.wholeCount(1e30) == Int.max)
  }

  @Test func convertsDollarsToFLOPs() {
    // One H100-hour at 40% MFU: 3600 × 989e12 × 0.4 = 1.42416e18 FLOPs.
    let flops = Budget.flops(dollars: 2.99, pricePerHour: 2.99, peakFLOPS: 989e12, utilization: 0.4)
    #expect(abs(flops - 1.42416e18) / 1.42416e18 < 1e-12)
  }

  @Test func runCostAgreesWithTheFormulas() throws {
    let h100 = try AcceleratorCatalogue.builtIn.accelerator(named: "h100-sxm")
    let run = RunCost(flops: 5.88e23, hardware: HardwareSetting(accelerator: h100, utilization: 0.4, pricePerHour: 2.5), gpus: 1024)
    #expect(abs(run.gpuHours - 412_874.957_869_902) < 1e-6)
    #expect(abs(run.wallClockDays - 412_874.957_869_902 / 1024 / 24) < 1e-9)
    #expect(abs(run.dollars - 412_874.957_869_902 * 2.5) < 1e-6)
    #expect(abs(run.energyKWh - 412_874.957_869_902 * 0.7 * 1.2) < 1e-6)
    #expect(run.gpusForDeadline(days: 30) == 574)  // 412,875 / 720 = 573.4
    #expect(run.figures.map(\.key) == [
      "peak_flops", "mfu", "gpu_hours", "gpus", "wall_clock_days", "price_per_hour", "cost_usd", "energy_kwh",
    ])
    let defaults = HardwareSetting(accelerator: h100)
    #expect(defaults.pricePerHour == 2.99 && defaults.utilization == 0.4 && defaults.pue == 1.2)
  }
}
