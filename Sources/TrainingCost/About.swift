// TrainingCost: FLOPs, accelerators, budgets and scaling laws, as pure functions.
//
// Files, bottom-up: HumanNumber (7B, 2.5T), TrainingCompute (6·N·D, attention term), ModelShape,
// Accelerator + AcceleratorCatalogue (+HardwareFile, link bandwidths), Budget (GPU-hours, days, dollars, kWh),
// TrainingMemory, TrainingEstimate, ScalingLaw (Chinchilla rule, Hoffmann, Besiroglu),
// FineTuningCost + DeploymentPlan + PretrainingBudget, ProjectBill, PublishedRun + RealityCheck + FrontierCost,
// TransformerArchitecture + ParallelLayout + DistributedMemory (ZeRO, Korthikanti activations),
// LayoutSearch (step time after Narayanan et al. 2021) + LaunchConfiguration (Megatron-LM, DeepSpeed),
// and the report values every command prints: CostReport/CostTable (text, CSV, and JSON through
// WorkbenchFiles' JSONWriter). Nothing here prints or reads files.
