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
            let modified = jitter(DemoTime.now - Int64(pages.count - index) * 3 * DemoTime.day, minutes: 0...1200)
            let threadID = threadID(avoiding: data)
            let related = page.1.contains("[#12]") ? ["\(project.webPath)bugs/12/"] : []
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
            let commentCount = index == 0 ? 12 : (rng.chance(0.4) ? rng.int(1...4) : 0)
            addThread(
                DemoThread(
                    id: threadID, discussionID: wiki.discussionID, toolKey: key,
                    owner: .wikiPage(wiki: key, title: page.0),
                    posts: makeComments(
                        count: commentCount, start: modified - 20 * DemoTime.day, authors: data.userOrder)),
                into: &data)
        }
        data.wikis[key] = wiki
    }

    /// The largest page: well over 2,000 lines of mixed Markdown.
    private mutating func fieldManual() -> String {
        var lines = [
            "# Field Manual", "", "Everything about running Anvil in the field, in one very long page.", "", "[TOC]",
            "",
        ]
        for chapter in 1...48 {
            lines.append("## Chapter \(chapter): \(rng.pick(DemoText.summaryObjects))")
            lines.append("")
            for paragraph in 1...5 {
                for _ in 0..<6 { lines.append(rng.pick(DemoText.threadLines)) }
                lines.append("")
                if paragraph == 3 {
                    lines.append("```sh")
                    lines.append("anvil dump p/anvil-demo/wiki/Field%20Manual --width \(60 + chapter)")
                    lines.append("```")
                    lines.append("")
                }
            }
            lines.append("| step | what | time |")
            lines.append("|---|---|---|")
            for step in 1...3 { lines.append("| \(step) | \(rng.pick(DemoText.steps)) | \(rng.int(1...90)) s |") }
            lines.append("")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
