// TrainingCost: FLOPs, accelerators, budgets and scaling laws, as pure functions.
