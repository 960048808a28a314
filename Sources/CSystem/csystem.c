#define _GNU_SOURCE
#include "csystem.h"
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdlib.h>
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

/* Where the data the first screens use ends: the release link places that data first in .bss
   and this marker right after it (scripts/link-order.txt). In a section of its own, so that the
   order can place it. */
__attribute__((section(".bss.csystem_hot_bss_end"))) char csystem_hot_bss_end;

int csystem_populate_bss(void) {
    uintptr_t page = (uintptr_t)sysconf(_SC_PAGESIZE);
    uintptr_t start = (uintptr_t)__bss_start & ~(page - 1);
    uintptr_t end = ((uintptr_t)_end + page - 1) & ~(page - 1);
    uintptr_t hot = (uintptr_t)&csystem_hot_bss_end;
    if (hot >= start && hot < end) end = (hot + 1 + page - 1) & ~(page - 1);
    if (end <= start) return 0;
    return madvise((void *)start, end - start, MADV_POPULATE_WRITE);
}

struct gated_start {
    void (*body)(void *);
    void *context;
    sem_t gate;
};

static void *gated_thread_main(void *raw) {
    struct gated_start *start = raw;
    while (sem_wait(&start->gate) != 0 && errno == EINTR) {}
    void (*body)(void *) = start->body;
    void *context = start->context;
    sem_destroy(&start->gate);
    free(start);
    body(context);
    return NULL;
}

int csystem_start_thread(void (*body)(void *), void *context, unsigned long stack_size, int idle_class) {
    struct gated_start *start = malloc(sizeof *start);
    if (start == NULL) return ENOMEM;
    start->body = body;
    start->context = context;
    sem_init(&start->gate, 0, 0);
    pthread_attr_t attributes;
    int error = pthread_attr_init(&attributes);
    if (error == 0) {
        pthread_attr_setdetachstate(&attributes, PTHREAD_CREATE_DETACHED);
        if (stack_size > 0) pthread_attr_setstacksize(&attributes, stack_size);
        pthread_t thread;
        error = pthread_create(&thread, &attributes, gated_thread_main, start);
        pthread_attr_destroy(&attributes);
        if (error == 0) {
            /* The thread waits at the gate until it is in the class (glibc's thread attributes
               do not take SCHED_IDLE); where the class is refused it runs in the ordinary one. */
            if (idle_class) {
                struct sched_param parameters = {0};
                pthread_setschedparam(thread, SCHED_IDLE, &parameters);
            }
            sem_post(&start->gate);
            return 0;
        }
    }
    sem_destroy(&start->gate);
    free(start);
    return error;
}

int csystem_thread_is_idle_class(void) { return sched_getscheduler(0) == SCHED_IDLE; }
