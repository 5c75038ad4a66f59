import WorkbenchCommands

Workbench.main()
