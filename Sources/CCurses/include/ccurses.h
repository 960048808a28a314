#ifndef CCURSES_H
#define CCURSES_H
/* The wide-character API of ncursesw is only visible to Swift when these are defined here,
   in the header itself (a define in cSettings does not reach the Swift importer). */
#define _XOPEN_SOURCE_EXTENDED 1
#define NCURSES_WIDECHAR 1
#include <ncursesw/curses.h>
#include <wchar.h>
#include <locale.h>
#include <stdbool.h>

/* glibc's wcwidth is not imported into Swift without _XOPEN_SOURCE; declare it. */
extern int wcwidth(wchar_t c);
extern int wcswidth(const wchar_t *s, size_t n);

/* Globals that Swift 6 refuses to read directly ("not concurrency-safe"). */
static inline WINDOW *ccurses_stdscr(void) { return stdscr; }
static inline WINDOW *ccurses_curscr(void) { return curscr; }
static inline int ccurses_lines(void) { return LINES; }
static inline int ccurses_cols(void) { return COLS; }
static inline int ccurses_colors(void) { return COLORS; }
static inline int ccurses_color_pairs(void) { return COLOR_PAIRS; }
static inline int ccurses_set_escdelay(int ms) { return set_escdelay(ms); }
static inline int ccurses_key_f(int n) { return KEY_F(n); }
static inline int ccurses_true(void) { return TRUE; }

/* Attribute macros are not imported either. */
static const attr_t CCURSES_A_NORMAL = A_NORMAL;
static const attr_t CCURSES_A_BOLD = A_BOLD;
static const attr_t CCURSES_A_DIM = A_DIM;
static const attr_t CCURSES_A_ITALIC = A_ITALIC;
static const attr_t CCURSES_A_UNDERLINE = A_UNDERLINE;
static const attr_t CCURSES_A_REVERSE = A_REVERSE;
static const attr_t CCURSES_A_STANDOUT = A_STANDOUT;
static const attr_t CCURSES_WA_NORMAL = WA_NORMAL;
static const attr_t CCURSES_WA_BOLD = WA_BOLD;
static const attr_t CCURSES_WA_DIM = WA_DIM;
static const attr_t CCURSES_WA_ITALIC = WA_ITALIC;
static const attr_t CCURSES_WA_UNDERLINE = WA_UNDERLINE;
static const attr_t CCURSES_WA_REVERSE = WA_REVERSE;
static const attr_t CCURSES_WA_STANDOUT = WA_STANDOUT;

/* Bytes the signal handlers write to the wake descriptor. */
#define CCURSES_BYTE_RESIZE 0x52    /* 'R': SIGWINCH */
#define CCURSES_BYTE_TERMINATE 0x54 /* 'T': SIGINT, SIGTERM, SIGHUP */
#define CCURSES_BYTE_CONTINUE 0x43  /* 'C': SIGCONT, after a stop (the screen needs redrawing) */

/* Checks that TERM names a terminal the terminfo database knows, without starting curses
   (initscr would exit the process on failure). Returns 1 when usable, 0 when the terminal is
   unknown or too dumb, -1 when no terminfo database is found. */
int ccurses_check_terminal(void);

/* newterm(NULL, stdout, stdin): starts curses on the standard streams; NULL on failure. */
SCREEN *ccurses_start(void);

/* The size of the terminal on stdout from the kernel; 0 on success. */
int ccurses_terminal_size(int *rows, int *cols);

/* Installs the signal glue, once curses is started:
   - SIGWINCH: runs ncurses' own handler, then writes CCURSES_BYTE_RESIZE to fd;
   - SIGINT, SIGTERM, SIGHUP: write CCURSES_BYTE_TERMINATE (the app quits cleanly);
   - SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE: endwin() to restore the terminal, then
     the handler that was there before (Swift's crash backtracer, if on), then the signal again
     with its default action.
   - SIGTSTP: resets the scroll region and attributes, then runs ncurses' handler, which
     restores the terminal and stops the process;
   - SIGCONT: runs the handler before (if any), then writes CCURSES_BYTE_CONTINUE to fd: curses
     only knows a blank screen, so the frame is drawn again.
   Returns 0, or -1 if a handler could not be installed. */
int ccurses_install_signals(int fd);

/* Puts back every disposition ccurses_install_signals replaced. Safe to call twice. */
void ccurses_restore_signals(void);

/* While set, SIGINT is ignored (an editor runs in the foreground and owns Ctrl-C). */
void ccurses_set_interrupt_ignored(bool ignored);

/* The SIGINT, SIGTERM or SIGHUP that asked the program to end, or 0. */
int ccurses_terminating_signal(void);

/* The string capability `name` (terminfo's short name, e.g. "sgr0") of the running terminal;
   NULL when it has none. */
const char *ccurses_string_capability(const char *name);

/* 1 when the running terminal has the boolean capability `name` (e.g. "am"), else 0. */
int ccurses_flag_capability(const char *name);

/* Makes the running terminal's string capability `name` read `value`, which must not be longer
   than what it reads now; 0 on success. */
int ccurses_shorten_string_capability(const char *name, const char *value);

#endif
