#ifndef CSYSTEM_H
#define CSYSTEM_H

/* Linux calls that Swift's Glibc module does not declare (they sit behind _GNU_SOURCE). */

/* A non-blocking, close-on-exec eventfd with count 0; -1 with errno on failure. */
int csystem_eventfd(void);

#endif
