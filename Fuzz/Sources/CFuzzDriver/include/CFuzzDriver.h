// Starts libFuzzer from the harness's entry point (see FuzzDriver.c).
#pragma once
