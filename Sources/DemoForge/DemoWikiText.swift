/// The wiki pages of the demo projects: `(title, Markdown text, labels)`.
enum DemoWikiText {
    static func mainPages(project: DemoProject, fieldManual: String) -> [(String, String, [String])] {
        [
            (DemoNames.homePage, home(project: project), ["start"]),
            ("Getting Started", gettingStarted(project: project), ["docs", "howto"]),
            ("FAQ & Tips (v2)", faq, ["docs"]),
            ("C++ Notes", cppNotes, ["code"]),
            ("100% done?", percentPage, []),
            ("Café Ünïcode ☃ 日本語", unicodePage, ["i18n"]),
            ("Emoji Party 🎉🐛", emojiPage, ["fun", "emoji 🎉"]),
            ("Markdown Showcase", showcase, ["docs", "markdown"]),
            ("Tables & CJK", tables, ["i18n"]),
            ("Code Samples", codeSamples, ["code"]),
            (DemoNames.escapesPage, escapes, ["security"]),
            ("Release Notes", releaseNotes, ["release"]),
            (DemoNames.largePage, fieldManual, ["docs", "big"]),
            ("Roadmap", roadmap, ["planning"]),
            ("Architecture Overview", architecture, ["design"]),
            ("Contributing Guide", contributing, ["community"]),
            ("Glossary", glossary, ["docs"]),
            ("Macros and Links", macros, ["docs"]),
            ("Keyboard Shortcuts", shortcuts, ["docs"]),
            ("setup.html", "A page whose title contains a dot. It is not HTML; dots are literal.\n", []),
        ]
    }

    static func home(project: DemoProject) -> String {
        """
        # Welcome to \(project.name)

        This wiki belongs to a **fictional** project. Every page exists to exercise a corner of the
        Anvil renderer.

        [TOC]

        ## Start here

        * [Getting Started] explains the first steps
        * [wiki:Markdown Showcase] shows every Markdown feature
        * [FAQ & Tips (v2)] answers common questions
        * [Terminal Escapes] is a page a terminal must render *safely*
        * The [Field Manual] is very long

        ## Trackers

        Bugs go to [the tracker](/p/\(project.shortname)/bugs/), ideas to [features:#2].
        The oldest open bug is [#12]; see also [\(project.shortname):bugs:#3].

        Maintained by @ingrid and @kenji.

        """
    }

    static func smallHome(project: DemoProject) -> String {
        "# \(project.name)\n\n\(project.summary).\n\n* [Getting Started]\n* [#1]\n"
    }

    static func gettingStarted(project: DemoProject) -> String {
        """
        # Getting Started

        Install from source:

        ```sh
        git clone https://example.net/\(project.shortname).git
        cd \(project.shortname) && make install
        ```

        Or the old way (an indented block):

            :::sh
            make demo

        Then read [wiki:Home] or ask on the forum. Screenshots: [[img src=diagram%20v2.png alt=Diagram]]

        """
    }

    static let faq = """
        # FAQ & Tips (v2)

        **Q:** Why is the title of this page so awkward?
        **A:** Because `&`, spaces and parentheses must be encoded in URLs: `FAQ%20%26%20Tips%20%28v2%29`.

        **Q:** Can I use Anvil without a token?
        **A:** Yes. Reading is anonymous; writing needs `Authorization: Bearer …`.

        Tip: press `?` anywhere for help.

        """

    static let cppNotes = """
        # C++ Notes

        A plus sign in a title is a literal plus: `C%2B%2B%20Notes`, never `C++%20Notes` with a space.

        ```cpp
        #include <iostream>
        int main() { std::cout << "hello" << std::endl; }
        ```

        """

    static let percentPage = """
        # 100% done?

        Not quite. The percent sign and the question mark must be encoded: `100%25%20done%3F`.

        - [x] data
        - [x] endpoints
        - [ ] everything else

        """

    static let unicodePage = """
        # Café Ünïcode ☃ 日本語

        Japanese: 日本語のテキストです。
        Chinese: 中文文本。
        Korean: 한국어 텍스트.
        Russian: Русский текст.
        Arabic (RTL): النص العربي
        Hebrew (RTL): טקסט בעברית
        Combining: e\u{301} (e + combining acute), Zalgo-lite: a\u{300}\u{301}\u{302}
        ZWJ sequences: 👩‍💻 👨‍👩‍👧 🏳️‍🌈, flags: 🇳🇴 🇯🇵, skin tones: 👍🏽

        | 名前 | 値 |
        |------|----|
        | 幅   | ２ |
        | 半角 | 1 |

        """

    static let emojiPage = """
        # Emoji Party 🎉🐛

        Shortcodes: :smile: :+1: :tada: :rocket: :bug:
        Literal: 😀 🎉 🐛 ✨ ❤️ ❤ ✓ ✗ → ∞

        | emoji | name |
        |---|---|
        | 🎉 | party |
        | 🐛 | bug |

        """

    static let showcase = """
        # Markdown Showcase

        [TOC]

        Setext heading
        ==============

        Second level, setext
        --------------------

        ## Emphasis

        *italic*, _also italic_, **bold**, __also bold__, ***both***, ~~struck~~, `inline code`.
        Every single newline
        inside a paragraph is a hard break.

        > A block quote
        > spanning two lines.
        >
        > > And a nested one.

        ## Lists
        * no blank line before this list
        * second
            * nested by four spaces
                * deeper
        + plus bullets
        - minus bullets

        1. first
        2. second
            1. nested number

        - [ ] a task
        - [x] a finished task

        ## Links

        Inline [link](https://example.net "with a title"), reference [link][ref], autolink <https://example.org/auto>,
        bare URL https://example.com/bare and an image ![logo](https://example.net/logo.png).
        Artifacts: [#12], [bugs:#7], [features:#2], [wiki:Home], [Getting Started], [2026/10/anvil-11-released], [r1234], [3b9d48f].
        Links to artifacts: [the crash](#12) and [an idea](features:#3).
        Mentions: @ingrid, @kenji and @zoe; not a mention: someone@example.com.

        [ref]: https://example.net/reference

        ## Code

        ```python
        def greet(name):
            return f"hello {name}"
        ```

        ~~~json
        {"tilde": "fence"}
        ~~~

            #!python
            print("line numbers on")

        ## Tables

        | Command | What it does | 中文 |
        |---------|:------------:|-----:|
        | `anvil` | **opens** the start view | 打开 |
        | `anvil dump` | prints a view | 打印 |

        ## Footnotes, definitions, abbreviations

        Anvil renders footnotes[^1] too.

        [^1]: Like this one.

        Terminal
        : A text-only window into a computer.

        *[HTML]: Hyper Text Markup Language

        HTML is mostly stripped.

        ## Macros

        [[include ref=Home]]
        [[include ref="Getting Started"]]
        [[members limit=20]]
        [[project_blog_posts max_number=5]]
        [[Not A Macro Just Brackets]]

        ## HTML

        Entities: &amp; &lt;tag&gt; &#34;quoted&#34; &copy; &mdash;
        Raw HTML: <b>bold</b>, <i>italic</i>, <s>struck</s>, line<br>break.
        <script>alert("this must never run")</script>
        <div markdown="1">**Markdown inside a div**</div>

        Emoji shortcodes: :smile: :+1: :tada:

        ---

        Escaped \\*not italic\\* and a horizontal rule above.

        """

    static let tables = """
        # Tables & CJK

        | 言語 | 挨拶 | width |
        |------|------|-------|
        | 日本語 | こんにちは | wide |
        | 中文 | 你好 | wide |
        | 한국어 | 안녕하세요 | wide |
        | English | hello | narrow |
        | emoji | 👋🎉 | wide |

        A table with inline Markdown:

        | name | note |
        |---|---|
        | **bold** | `code` and [a link](https://example.net) |
        | long | \(String(repeating: "very ", count: 30))long cell |

        """

    static let codeSamples = """
        # Code Samples

        ```swift
        let greeting = "héllo, 世界"
        print(greeting.count)
        ```

        ```
        no language, with	a tab and trailing spaces   
        ```

            #!/usr/bin/env python
            print("a shebang line stays in the code")

        ```diff
        - old line
        + new line
        ```

        """

    static let escapes = """
        # Terminal Escapes

        This page contains hostile control sequences. A terminal client must neutralise all of them.

        Clear screen: \u{1B}[2Jafter clear
        Cursor home: \u{1B}[Hafter home
        Window title: \u{1B}]0;pwned\u{07}after title
        Colour: \u{1B}[31mred text\u{1B}[0m back to normal
        8-bit CSI: \u{9B}31mC1 red\u{9B}0m
        Bidi override: \u{202E}txet desrever\u{202C} normal again
        Backspace and bell: abc\u{08}\u{08}\u{07}d
        Carriage return: overwrite\rOVER

        In a table:

        | cell | value |
        |---|---|
        | \u{1B}[1mbold?\u{1B}[0m | \u{202E}olleh |

        ```
        in code: \u{1B}[2J\u{1B}[H
        ```

        """

    static let releaseNotes = """
        # Release Notes

        ## 1.1 (upcoming)

        * Faster thread rendering
        * Fixed [#12] and [#7]

        ## 1.0

        * First stable release :tada:

        """

    static let roadmap = """
        # Roadmap

        | milestone | theme | status |
        |---|---|---|
        | 1.0 | basics | done ✓ |
        | 1.1 | polish | in progress |
        | 2.0 | plugins | planned |

        Discussion happens in the forum's big thread.

        """

    static let architecture = """
        # Architecture Overview

        ```
        key -> keymap -> action -> view -> repository -> forge backend
        ```

        1. Views never block on the network.
        2. Every server string is sanitised.
        3. Threads are trees built from slugs.

        """

    static let contributing = """
        # Contributing Guide

        Patches welcome! Please:

        1. open a ticket first ([bugs:#1] is a good example),
        2. write tests,
        3. keep commits small.

        Questions? Ping @amara or @ravi.

        """

    static let glossary = """
        # Glossary

        Slug
        : The position of a post in its thread, like `a1b2/c3d4`.

        Bin
        : A saved search of a tracker.

        Footnotes work as well[^slug].

        [^slug]: Four hex characters per level.

        *[REST]: Representational State Transfer

        REST is the interface Anvil uses.

        """

    static let macros = """
        # Macros and Links

        [[include ref=Home]]

        [[embed url=https://www.example.com/watch?v=demo]]

        [[quote text]]

        [[Unknown Macro]] stays literal.

        Cross-project: [nimbus:tickets:#2], [kaiju:wiki:Home].

        """

    static let shortcuts = """
        # Keyboard Shortcuts

        | key | action |
        |---|---|
        | `j` / `k` | move |
        | `Enter` | open |
        | `q` | back |
        | `?` | help |

        """
}
