/// Phrase pools for generated content: the prose of a fictional project.
enum DemoText {
    static let summaryStarts = [
        "Crash when opening", "Slow scrolling in", "Wrong colours in", "Support", "Add an option for",
        "Typo in", "Memory grows while browsing", "Hang after resizing", "Cursor jumps in", "Unicode glitch in",
        "Misaligned columns in", "Better error for",
    ]

    static let summaryObjects = [
        "the ticket list", "wiki page titles", "forum threads", "the status line", "blog post URLs",
        "narrow terminals", "the help screen", "the label editor", "the milestone picker", "tmux sessions",
        "SSH over slow links", "CJK wide characters", "config reload", "right-to-left text", "the search prompt",
        "deeply nested replies", "very long wiki pages", "offline mode",
    ]

    static let descriptionOpenings = [
        "This happens every time on a fresh install.",
        "Reported on the forum, reproduced here.",
        "Not sure if this is a bug or a feature request.",
        "Seen with `TERM=screen-256color` inside tmux, works fine in a plain xterm.",
        "Regression since the last release, *I think*.",
        "Only with a non-English locale (`LANG=de_DE.UTF-8`).",
    ]

    static let steps = [
        "open the demo forge", "press `G` to jump to the end", "resize the window to 40 columns",
        "open ticket [#42]", "search for `status:open`", "collapse the first thread with `z`",
        "type a label with an emoji 🎉", "reload with `r`", "quit with `Q`", "follow a link to the wiki",
    ]

    static let comments = [
        "Confirmed here as well.", "I can reproduce this with the latest build. 👍",
        "Could you attach the output of `anvil --version`?", "Fixed in the main branch, please retest.",
        "Same on macOS. Works on Linux though.", "Merci, ça marche maintenant !", "これは再現できました。",
        "Спасибо, посмотрю вечером.", "Duplicate of [#3], closing soon.", "Not a bug: see the FAQ.",
        "Any news on this one?", "I've started a patch, @lena could you review?", "Works for me ¯\\_(ツ)_/¯",
        "Added a test case.\n\n```\n$ make test\nok\n```", "Thanks! :tada:",
    ]

    static let topicSubjects = [
        "Welcome! Introduce yourself 👋", "How do I set a default forge?", "Themes: share yours",
        "Keyboard layout for Dvorak users", "Reading forums over a 2G link", "Is there a Windows build?",
        "Proposal: tabs", "Bug or feature? Dates in UTC", "Packaging for Debian", "Zürich meetup 🍫",
        "ターミナルの文字化け", "Вопрос про прокси", "Best way to follow a busy tracker?", "Markdown tables look odd",
        "Plugin API ideas", "Accessibility and screen readers",
    ]

    static let topicOpenings = [
        "Hi all, I'm new here and have a question.", "Sharing something I made this weekend.",
        "I've been using Anvil daily for a month; a few thoughts below.", "Quick question, hopefully an easy one.",
        "Has anyone tried this on a Raspberry Pi?",
    ]

    static let threadLines = [
        "I agree with the general direction, but the details matter.",
        "What about keeping the old behaviour behind a flag?",
        "We measured this last week: the difference is within noise.",
        "Ich finde die Idee gut, aber sie braucht Tests.",
        "Ceci dit, la version actuelle fonctionne très bien pour moi.",
        "この提案に賛成です。",
        "Можно сделать это опциональным?",
        "Let's not forget people on slow SSH links.",
        "Screen readers need a linear mode; please keep one.",
        "A prototype is on my branch, feedback welcome. 🚀",
        "That would also fix the flicker on resize.",
        "+1, and the docs should say so.",
        "Counterpoint: more options mean more bugs.",
        "Emoji widths differ between terminals 😅, so be careful.",
        "Tabs vs. spaces all over again…",
    ]

    static let blogTitles = [
        "Anvil 1.1 released", "Draft: plans for the summer", "Ça marche: nouvelle version française",
        "Ünïcödé & “smart quotes” in titles", "日本語サポート", "How we test with tmux",
        "Reading 2,000-post threads without pain", "Themes are here 🎨", "Why Anvil uses ncurses",
        "Community call notes", "Packaging news", "Keyboard-first design", "A year of Anvil",
        "Faster startup", "Release candidate for 1.0", "Thanks to our translators", "Searching tickets like a pro",
        "Offline reading", "Security fix for escape sequences", "Writing a backend",
    ]

    static let blogBodies = [
        "We are **happy** to share this update with you.",
        "A short post about what kept us busy this month.",
        "This one is mostly for packagers and people who build from source.",
        "Thank you all for the bug reports and patches! :tada:",
    ]
}
