// TrainingCost: FLOPs, accelerators, budgets and scaling laws, as pure functions.
//
// Files, bottom-up: HumanNumber (7B, 2.5T), TrainingCompute (6·N·D, attention term), ModelShape,
// Accelerator + AcceleratorCatalogue (+HardwareFile), Budget (GPU-hours, days, dollars, kWh),
// TrainingMemory, TrainingEstimate, ScalingLaw (Chinchilla rule, Hoffmann, Besiroglu),
// FineTuningCost + DeploymentPlan, PublishedRun + RealityCheck. Nothing here prints or reads files.
