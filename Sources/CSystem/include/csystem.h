#ifndef CSYSTEM_H
#define CSYSTEM_H

/* Linux calls that Swift's Glibc module does not declare (they sit behind _GNU_SOURCE). */

/* A non-blocking, close-on-exec eventfd with count 0; -1 with errno on failure. */
int csystem_eventfd(void);

/* Maps every page of the program's zero-initialised data (.bss) writable now (Linux 5.14 and
   later; elsewhere it fails and changes nothing). 0 on success, -1 with errno otherwise. */
int csystem_populate_bss(void);

/* Moves the calling thread to the idle scheduling class (SCHED_IDLE): it runs only on a processor
   that no thread of ordinary priority wants. There is no way back without privilege. 0 on
   success, -1 with errno otherwise. */
int csystem_thread_to_idle_class(void);

/* Whether the calling thread is in the idle scheduling class. */
int csystem_thread_is_idle_class(void);

#endif
