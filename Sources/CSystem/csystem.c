#define _GNU_SOURCE
#include "csystem.h"
#include <sys/eventfd.h>

int csystem_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }
