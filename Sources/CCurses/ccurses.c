#include "ccurses.h"
#include <pthread.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <term.h>
#include <unistd.h>

int ccurses_check_terminal(void) {
    const char *term = getenv("TERM");
    if (term == NULL || term[0] == '\0') return 0;
    int status = 0;
    if (setupterm(term, STDOUT_FILENO, &status) != OK) return status;  /* 0 or -1 */
    /* setupterm made a TERMINAL; newterm will make its own. */
    TERMINAL *probe = cur_term;
    set_curterm(NULL);
    del_curterm(probe);
    return 1;
}

SCREEN *ccurses_start(void) {
    return newterm(NULL, stdout, stdin);
}

int ccurses_terminal_size(int *rows, int *cols) {
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
    *rows = ws.ws_row;
    *cols = ws.ws_col;
    return 0;
}

/* ---- signal glue ---- */

static volatile int wake_fd = -1;
static volatile sig_atomic_t interrupt_ignored = 0;
static volatile sig_atomic_t installed = 0;
static volatile sig_atomic_t fatal_in_progress = 0;
static volatile sig_atomic_t terminating_signal = 0;

static const int terminate_signals[] = { SIGINT, SIGTERM, SIGHUP };
/* SIGQUIT is here too: the terminal is restored before the default action ends the process,
   instead of Swift's backtracer printing over the screen and waiting for a key. */
static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGQUIT };
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static struct sigaction saved_winch;
static struct sigaction saved_stop;
static struct sigaction saved_continue;
static struct sigaction saved_terminate[COUNT(terminate_signals)];
static struct sigaction saved_fatal[COUNT(fatal_signals)];

static void write_byte(unsigned char byte) {
    int saved_errno = errno;
    int fd = wake_fd;
    if (fd >= 0) {
        ssize_t ignored = write(fd, &byte, 1);  /* a full pipe means a wake-up is pending */
        (void)ignored;
    }
    errno = saved_errno;
}

/* Calls the handler that was installed before ours, if it is a function. */
static void chain(const struct sigaction *previous, int sig, siginfo_t *info, void *context) {
    if (previous->sa_flags & SA_SIGINFO) {
        if (previous->sa_sigaction != NULL) previous->sa_sigaction(sig, info, context);
    } else if (previous->sa_handler != SIG_DFL && previous->sa_handler != SIG_IGN && previous->sa_handler != NULL) {
        previous->sa_handler(sig);
    }
}

/* Puts back the whole-screen scroll region and plain attributes, which the screen writer keeps
   set between frames and curses does not know of, before curses hands the terminal back. */
static void reset_screen_state(void) {
    static const char reset[] = "\033[r\033[m";
    ssize_t ignored = write(STDOUT_FILENO, reset, sizeof reset - 1);
    (void)ignored;
}

static void on_stop(int sig, siginfo_t *info, void *context) {
    int saved_errno = errno;
    reset_screen_state();
    errno = saved_errno;
    if ((saved_stop.sa_flags & SA_SIGINFO) ? saved_stop.sa_sigaction != NULL
                                             : saved_stop.sa_handler != SIG_DFL && saved_stop.sa_handler != SIG_IGN) {
        chain(&saved_stop, sig, info, context);  /* ncurses leaves the screen and stops */
        return;
    }
    /* No handler of curses': stop as the default action would, then take the signal again. */
    struct sigaction ours;
    sigaction(SIGTSTP, &saved_stop, &ours);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTSTP);
    pthread_sigmask(SIG_UNBLOCK, &set, NULL);
    raise(SIGTSTP);
    sigaction(SIGTSTP, &ours, NULL);
}

static void on_continue(int sig, siginfo_t *info, void *context) {
    chain(&saved_continue, sig, info, context);
    write_byte(CCURSES_BYTE_CONTINUE);
}

static void on_winch(int sig, siginfo_t *info, void *context) {
    chain(&saved_winch, sig, info, context);  /* ncurses notes the resize for KEY_RESIZE */
    write_byte(CCURSES_BYTE_RESIZE);
}

static void on_terminate(int sig) {
    if (sig == SIGINT && interrupt_ignored) return;
    if (terminating_signal == 0) terminating_signal = sig;
    write_byte(CCURSES_BYTE_TERMINATE);
}

static void on_fatal(int sig, siginfo_t *info, void *context) {
    /* endwin is not async-signal-safe, but the process is about to die and a usable terminal
       is worth the risk. */
    if (!fatal_in_progress) {
        fatal_in_progress = 1;
        reset_screen_state();
        endwin();
    }
    /* Die by the default action. Chaining to Swift's backtracer would make it wait for a key
       on the terminal for up to 30 seconds: a failure must not look like a hang. */
    (void)info;
    (void)context;
    signal(sig, SIG_DFL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
}

static int install(int sig, void (*handler)(int), int flags, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handler;
    action.sa_flags = flags;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, previous);
}

static int install_info(int sig, void (*handler)(int, siginfo_t *, void *), int flags, struct sigaction *previous) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&action.sa_mask);
    return sigaction(sig, &action, previous);
}

int ccurses_install_signals(int fd) {
    if (installed) return 0;
    wake_fd = fd;
    int result = 0;
    result |= install_info(SIGWINCH, on_winch, SA_RESTART, &saved_winch);
    result |= install_info(SIGTSTP, on_stop, SA_RESTART, &saved_stop);
    result |= install_info(SIGCONT, on_continue, SA_RESTART, &saved_continue);
    for (size_t i = 0; i < COUNT(terminate_signals); i++)
        result |= install(terminate_signals[i], on_terminate, SA_RESTART, &saved_terminate[i]);
    for (size_t i = 0; i < COUNT(fatal_signals); i++)
        result |= install_info(fatal_signals[i], on_fatal, SA_RESETHAND | SA_NODEFER, &saved_fatal[i]);
    /* A parent may have started us with these blocked (threads of test runners often block
       every signal, and children inherit the mask): the loop depends on them arriving. */
    sigset_t needed;
    sigemptyset(&needed);
    sigaddset(&needed, SIGWINCH);
    sigaddset(&needed, SIGTSTP);
    sigaddset(&needed, SIGCONT);
    for (size_t i = 0; i < COUNT(terminate_signals); i++) sigaddset(&needed, terminate_signals[i]);
    pthread_sigmask(SIG_UNBLOCK, &needed, NULL);
    installed = 1;
    return result == 0 ? 0 : -1;
}

void ccurses_restore_signals(void) {
    if (!installed) return;
    sigaction(SIGWINCH, &saved_winch, NULL);
    sigaction(SIGTSTP, &saved_stop, NULL);
    sigaction(SIGCONT, &saved_continue, NULL);
    for (size_t i = 0; i < COUNT(terminate_signals); i++) sigaction(terminate_signals[i], &saved_terminate[i], NULL);
    for (size_t i = 0; i < COUNT(fatal_signals); i++) sigaction(fatal_signals[i], &saved_fatal[i], NULL);
    installed = 0;
    wake_fd = -1;
}

int ccurses_terminating_signal(void) {
    return terminating_signal;
}

void ccurses_set_interrupt_ignored(bool ignored) {
    interrupt_ignored = ignored ? 1 : 0;
}

/* ---- terminfo strings of the running terminal ---- */

static char *usable(char *string) {
    return string == NULL || string == (char *)-1 ? NULL : string;
}

const char *ccurses_string_capability(const char *name) {
    return usable(tigetstr(name));
}

int ccurses_flag_capability(const char *name) {
    return tigetflag(name) == 1 ? 1 : 0;
}

int ccurses_shorten_string_capability(const char *name, const char *value) {
    /* ncurses keeps two tables of the terminal's strings (the public TERMTYPE and its own
       extended copy); they point at the same text, which is rewritten where it is. */
    char *current = usable(tigetstr(name));
    if (current == NULL || strlen(value) > strlen(current)) return -1;
    memmove(current, value, strlen(value) + 1);
    return 0;
}
