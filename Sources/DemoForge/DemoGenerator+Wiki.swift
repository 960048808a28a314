#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension DemoGenerator {
    mutating func makeWiki(project: DemoProject, full: Bool, into data: inout DemoData) {
        let key = project.toolKey("wiki")
        var wiki = DemoWiki(key: key, discussionID: objectID(), pages: [])
        let pages: [(String, String, [String])]
        if full {
            pages = DemoWikiText.mainPages(project: project, fieldManual: fieldManual())
        } else {
            pages = [
                ("Home", DemoWikiText.smallHome(project: project), ["start"]),
                ("Getting Started", DemoWikiText.gettingStarted(project: project), ["docs"]),
                (
                    project.shortname == DemoNames.unicodeProject ? "日本語ガイド" : "Sensor Wiring",
                    DemoWikiText.unicodePage, ["i18n"]
                ),
            ]
        }
        for (index, page) in pages.enumerated() {
            addPage(page, index: index, of: pages.count, project: project, to: &wiki, into: &data)
        }
        if project.shortname == DemoNames.secondProject {
            // Drawn from a stream of their own, so the data generated after them stays the same.
            let main = rng
            rng = SplitMix64(seed: 0x5354_4154_494F_4E4C)
            let logs = Self.stationLogs(project: project, rng: &rng)
            for (index, page) in logs.enumerated() {
                addPage(page, index: index, of: logs.count, project: project, comments: false, to: &wiki, into: &data)
            }
            rng = main
        }
        data.wikis[key] = wiki
    }

    /// Whether `needle` occurs in `text`, byte for byte: the C library's `memchr` finds each
    /// candidate first byte, `memcmp` checks the rest (the standard library's generic search cost
    /// ten milliseconds of the demo's start on the long pages).
    static func mentions(_ text: String, _ needle: String) -> Bool {
        var text = text
        var needle = needle
        return text.withUTF8 { haystack in
            needle.withUTF8 { pattern in
                guard !pattern.isEmpty else { return true }
                guard let start = haystack.baseAddress, let sought = pattern.baseAddress else { return false }
                var offset = 0
                while offset + pattern.count <= haystack.count {
                    let span = haystack.count - pattern.count + 1 - offset
                    guard let hit = memchr(start + offset, Int32(pattern[0]), span) else { return false }
                    let index = UnsafeRawPointer(start).distance(to: UnsafeRawPointer(hit))
                    if memcmp(start + index, sought, pattern.count) == 0 { return true }
                    offset = index + 1
                }
                return false
            }
        }
    }

    /// Adds one page and its comment thread.
    private mutating func addPage(
        _ page: (String, String, [String]), index: Int, of count: Int, project: DemoProject, comments: Bool = true,
        to wiki: inout DemoWiki, into data: inout DemoData
    ) {
        let key = wiki.key
        let modified = jitter(DemoTime.now - Int64(count - index) * 3 * DemoTime.day, minutes: 0...1200)
        let threadID = threadID(avoiding: data)
        let related = Self.mentions(page.1, "[#12]") ? ["\(project.webPath)bugs/12/"] : []
        let attachments =
            index == 1
            ? [
                DemoAttachment(
                    bytes: 20_480,
                    path: "\(project.webPath)wiki/\(DemoURL.encodeSegment(page.0))/attachment/diagram%20v2.png")
            ] : []
        wiki.pages.append(
            DemoWikiPage(
                id: objectID(), title: page.0, text: page.1, labels: page.2, modDate: modified,
                relatedArtifacts: related, attachments: attachments, threadID: threadID))
        let commentCount = !comments ? 0 : index == 0 ? 12 : (rng.chance(0.4) ? rng.int(1...4) : 0)
        addThread(
            DemoThread(
                id: threadID, discussionID: wiki.discussionID, toolKey: key,
                owner: .wikiPage(wiki: key, title: page.0),
                posts: makeComments(
                    count: commentCount, start: modified - 20 * DemoTime.day, authors: data.userOrder)),
            into: &data)
    }

    /// Ten years of monthly weather logs: a wiki index far longer than a screen.
    private static func stationLogs(project: DemoProject, rng: inout SplitMix64) -> [(String, String, [String])] {
        var pages: [(String, String, [String])] = []
        for year in 2016...2025 {
            for month in 1...12 {
                let name = "\(year)-\(month < 10 ? "0" : "")\(month)"
                var text = Array("# Station log \(name)\n\n".utf8)
                text.append(contentsOf: "| day | min °C | max °C | rain mm |\n|---|---|---|---|\n".utf8)
                for day in [1, 8, 15, 22] {
                    let low = Int(rng.next() % 25) - 10
                    let high = low + 3 + Int(rng.next() % 12)
                    let rain = Int(rng.next() % 30)
                    for cell in [day, low, high, rain] {
                        text.append(contentsOf: "| ".utf8)
                        text.append(contentsOf: Self.numberText(cell).utf8)
                        text.append(UInt8(ascii: " "))
                    }
                    text.append(contentsOf: "|\n".utf8)
                }
                pages.append(("Station Log \(name)", String(decoding: text, as: UTF8.self), ["log"]))
            }
        }
        return pages
    }

    /// The decimal text of the small numbers the station logs hold, made once.
    private static let smallNumberTexts = (-10...40).map { String($0) }

    private static func numberText(_ number: Int) -> String {
        (-10...40).contains(number) ? smallNumberTexts[number + 10] : String(number)
    }

    /// The largest page: well over 2,000 lines of mixed Markdown.
    private mutating func fieldManual() -> String {
        // Built as bytes: appending to a String checks and counts each piece, a quarter of the
        // demo's generation for this page's thousands of lines.
        var text: [UInt8] = []
        text.reserveCapacity(1 << 18)
        func add(_ piece: String) { text.append(contentsOf: piece.utf8) }
        add("# Field Manual\n\nEverything about running Anvil in the field, in one very long page.\n\n[TOC]\n\n")
        for chapter in 1...48 {
            add("## Chapter \(chapter): \(rng.pick(DemoText.summaryObjects))\n\n")
            for paragraph in 1...5 {
                for _ in 0..<6 {
                    add(rng.pick(DemoText.threadLines))
                    add("\n")
                }
                add("\n")
                if paragraph == 3 {
                    add("```sh\nanvil dump p/anvil-demo/wiki/Field%20Manual --width \(60 + chapter)\n```\n\n")
                }
            }
            add("| step | what | time |\n|---|---|---|\n")
            for step in 1...3 { add("| \(step) | \(rng.pick(DemoText.steps)) | \(rng.int(1...90)) s |\n") }
            add("\n")
        }
        return String(decoding: text, as: UTF8.self)
    }
}
