#ifndef CSYSTEM_H
#define CSYSTEM_H

/* Linux calls that Swift's Glibc module does not declare (they sit behind _GNU_SOURCE). */

/* A non-blocking, close-on-exec eventfd with count 0; -1 with errno on failure. */
int csystem_eventfd(void);

/* Maps every page of the program's zero-initialised data (.bss) writable now (Linux 5.14 and
   later; elsewhere it fails and changes nothing). 0 on success, -1 with errno otherwise. */
int csystem_populate_bss(void);

#endif
