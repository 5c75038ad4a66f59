#ifndef WORKBENCH_COPENMPI_SHIM_H
#define WORKBENCH_COPENMPI_SHIM_H
// Open MPI's C API for Swift. mpi.h defines the communicator and the datatype as macros that
// expand to the addresses of global objects, which Swift cannot import; these functions return them.
#include <mpi.h>

static inline MPI_Comm workbench_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Comm workbench_mpi_comm_self(void) { return MPI_COMM_SELF; }
static inline MPI_Datatype workbench_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype workbench_mpi_int(void) { return MPI_INT; }
static inline MPI_Errhandler workbench_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline int workbench_mpi_success(void) { return MPI_SUCCESS; }
static inline int workbench_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }
#endif
