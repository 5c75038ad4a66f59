import WorkbenchCommands

#if WORKBENCH_MPI
  import MPITransport

  MPITransport.register()
#endif
Workbench.main()
