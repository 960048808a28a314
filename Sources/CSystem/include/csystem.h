#ifndef CSYSTEM_H
#define CSYSTEM_H

/* Linux calls that Swift's Glibc module does not declare (they sit behind _GNU_SOURCE). */

/* A non-blocking, close-on-exec eventfd with count 0; -1 with errno on failure. */
int csystem_eventfd(void);

/* Maps the pages of the program's zero-initialised data (.bss) that the first screens use
   writable now: those up to `csystem_hot_bss_end`, which the release link places after that data,
   or all of them where the marker is not inside the data (Linux 5.14 and later; elsewhere it fails
   and changes nothing). 0 on success, -1 with errno otherwise. */
int csystem_populate_bss(void);

/* The marker after the data the first screens use (see csystem_populate_bss). */
extern char csystem_hot_bss_end;

/* Starts a detached thread with a stack of `stack_size` bytes that runs `body(context)`; with
   `idle_class`, in the idle scheduling class (SCHED_IDLE), where it runs only on a processor that no
   thread of ordinary priority wants. It is in that class before `body` starts, so it cannot keep
   the processor of the thread that made it (a thread that moved there itself would first run in
   the ordinary class, and keep a processor it took until the next tick while its maker waited).
   Where the class is refused, it runs in the ordinary one. 0 on success, an error number
   otherwise. */
int csystem_start_thread(void (*body)(void *), void *context, unsigned long stack_size, int idle_class);

/* Whether the calling thread is in the idle scheduling class. */
int csystem_thread_is_idle_class(void);

#endif
