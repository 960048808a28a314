import CCurses
import TerminalUI
