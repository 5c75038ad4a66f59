#ifndef WORKBENCH_CLIBPNG_SHIM_H
#define WORKBENCH_CLIBPNG_SHIM_H
#include <png.h>
#endif
