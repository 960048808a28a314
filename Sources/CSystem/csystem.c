#define _GNU_SOURCE
#include "csystem.h"
#include <sched.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

int csystem_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

/* The linker's bounds of the program's zero-initialised data. */
extern char __bss_start[];
extern char _end[];

int csystem_populate_bss(void) {
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)__bss_start & ~(page - 1);
    uintptr_t end = ((uintptr_t)_end + page - 1) & ~(page - 1);
    if (end <= start) return 0;
    return madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

int csystem_thread_to_idle_class(void) {
    struct sched_param parameters = {0};
    return sched_setscheduler(0, SCHED_IDLE, &parameters);
}

int csystem_thread_is_idle_class(void) { return sched_getscheduler(0) == SCHED_IDLE; }
