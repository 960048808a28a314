/// Lines rendered for one block, with what they contain. Line numbers are relative to the
/// fragment until it is appended to a larger one.
struct Fragment {
    var lines: [StyledLine] = []
    var links: [(line: Int, link: PendingLink)] = []
    var headings: [DocumentHeading] = []
    /// Named places links can lead to: `h:N` (the Nth heading), `fn:N` (footnote N).
    var anchors: [String: Int] = [:]

    var isEmpty: Bool { lines.isEmpty }

    mutating func append(_ other: Fragment) {
        let offset = lines.count
        lines += other.lines
        links += other.links.map { (line: $0.line + offset, link: $0.link) }
        headings += other.headings.map { DocumentHeading(level: $0.level, text: $0.text, line: $0.line + offset) }
        for (name, line) in other.anchors where anchors[name] == nil { anchors[name] = line + offset }
    }

    mutating func appendBlank() { lines.append(StyledLine()) }

    /// Puts `first` before the first line and `rest` before the others. Empty lines get `rest`
    /// without its trailing spaces (so blank lines in a quote keep their bar and nothing else).
    func prefixed(first: [StyledSpan], rest: [StyledSpan]) -> Fragment {
        var copy = self
        let blank = Self.trimmedTrailingSpaces(rest)
        for i in copy.lines.indices {
            let prefix = i == 0 ? first : (copy.lines[i].spans.isEmpty ? blank : rest)
            if !prefix.isEmpty { copy.lines[i].spans.insert(contentsOf: prefix, at: 0) }
        }
        return copy
    }

    static func trimmedTrailingSpaces(_ spans: [StyledSpan]) -> [StyledSpan] {
        var spans = spans
        while let last = spans.last {
            let trimmed = String(last.text.trimmingTrailingSpaces)
            if trimmed.isEmpty {
                spans.removeLast()
            } else {
                spans[spans.count - 1].text = trimmed
                break
            }
        }
        return spans
    }

    /// A fragment of wrapped inline content.
    init(wrapping content: InlineContent, width: Int, firstIndent: [StyledSpan] = [], restIndent: [StyledSpan] = []) {
        let result = Wrapper.layout(content.spans, width: width, firstIndent: firstIndent, restIndent: restIndent)
        lines = result.lines
        // Only the links whose text landed here (a definition list wraps a paragraph in parts).
        for tag in result.tagOrder where content.links.indices.contains(tag) {
            links.append((line: result.tagLines[tag] ?? 0, link: content.links[tag]))
        }
    }

    init() {}
}

/// Lays out the blocks of a cmark document.
struct BlockRenderer {
    let source: MarkdownSource
    /// Footnote labels and their numbers, in the order of their first reference.
    private var footnotes: [String: Int] = [:]
    /// Every heading's level and text, known before layout so `[TOC]` can list later ones.
    private var headingList: [(level: Int, text: String)] = []
    private var headingsSeen = 0
    private var footnotesSeen = 0

    /// Containers nested deeper than this are drawn without further indentation, as text.
    static let maximumDepth = 16

    struct Context {
        var base: Role = .normal
        var depth = 0
        var listDepth = 0
    }

    /// Numbers the links as they are laid out; nil leaves them unnumbered.
    private let numberer: LinkNumberer?

    init(source: MarkdownSource, firstLinkNumber: Int? = nil) {
        self.source = source
        self.numberer = firstLinkNumber.map { LinkNumberer(first: $0) }
    }

    mutating func render(document: CMarkNode, width: Int) -> RenderedDocument {
        prepare(document)
        var fragment = renderChildren(of: document, width: width, context: Context(), tight: false)
        while fragment.lines.last?.spans.isEmpty == true { fragment.lines.removeLast() }
        var document = RenderedDocument()
        document.lines = fragment.lines.map { line in
            let fitted = DisplayWidth.of(line.text) > width ? Wrapper.clip(line.spans, to: width) : line.spans
            return StyledLine(Self.merged(fitted))
        }
        document.links = fragment.links.map { entry in
            DocumentLink(
                line: entry.line, text: entry.link.text, target: entry.link.target, kind: entry.link.kind,
                targetLine: entry.link.anchor.flatMap { fragment.anchors[$0] }, number: entry.link.number)
        }
        document.headings = fragment.headings
        return document
    }

    /// Adjacent spans of one role joined, empty ones dropped.
    static func merged(_ spans: [StyledSpan]) -> [StyledSpan] {
        var out: [StyledSpan] = []
        out.reserveCapacity(spans.count)
        for span in spans where !span.text.isEmpty {
            if let last = out.indices.last, out[last].role == span.role {
                out[last].text += span.text
            } else {
                out.append(span)
            }
        }
        return out
    }

    /// Numbers the footnotes and collects the headings.
    private mutating func prepare(_ document: CMarkNode) {
        var labels: [String] = []
        document.walk { node, entering in
            guard entering else { return }
            if node.kind == .footnoteReference, !labels.contains(node.literal) { labels.append(node.literal) }
        }
        // cmark-gfm moves the definitions to the end, in the order of their first reference.
        for (index, label) in labels.enumerated() { footnotes[label] = index + 1 }
        let inline = InlineRenderer(source: source, footnotes: footnotes, base: .heading, flattenEmphasis: true)
        document.walk { node, entering in
            guard entering, node.kind == .heading else { return }
            // The words of the heading: no line breaks, no URLs shown after link texts.
            let spans = inline.render(node).spans.filter { $0.role != .muted }
            let text = spans.plainText.map { $0 == "\n" ? " " : $0 }
            headingList.append((node.headingLevel, String(text)))
        }
    }

    private func inlineRenderer(_ context: Context) -> InlineRenderer {
        InlineRenderer(source: source, footnotes: footnotes, base: context.base, numberer: numberer)
    }

    // MARK: - Blocks

    private mutating func renderChildren(of node: CMarkNode, width: Int, context: Context, tight: Bool) -> Fragment {
        var fragment = Fragment()
        var child = node.firstChild
        var ruleAbove = false
        while let current = child {
            child = current.next
            if current.kind == .footnoteDefinition && footnotesSeen == 0 {
                // The notes come last, under a short rule.
                if !fragment.isEmpty { fragment.appendBlank() }
                fragment.lines.append(StyledLine(String(repeating: "─", count: min(width, 20)), .muted))
                ruleAbove = true
            }
            let rendered = renderBlock(current, width: width, context: context)
            guard !rendered.isEmpty else { continue }
            if !fragment.isEmpty && !tight && !ruleAbove { fragment.appendBlank() }
            ruleAbove = false
            fragment.append(rendered)
        }
        return fragment
    }

    private mutating func renderBlock(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        switch node.kind {
        case .paragraph: return renderParagraph(node, width: width, context: context)
        case .heading: return renderHeading(node, width: width, context: context)
        case .blockQuote: return renderQuote(node, width: width, context: context)
        case .list: return renderList(node, width: width, context: context)
        case .codeBlock: return renderCode(node, width: width)
        case .htmlBlock: return renderHTML(node, width: width, context: context)
        case .thematicBreak: return Fragment(lines: [StyledLine(String(repeating: "─", count: width), .muted)])
        case .table:
            return TableLayout(node: node, inline: inlineRenderer(context)).render(width: width)
        case .footnoteDefinition: return renderFootnote(node, width: width, context: context)
        default: return renderChildren(of: node, width: width, context: context, tight: false)
        }
    }

    private mutating func renderParagraph(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        let children = node.children
        if children.count == 1, children[0].kind == .text, children[0].literal.trimming(" ") == "[TOC]" {
            return renderContents(width: width)
        }
        let content = inlineRenderer(context).render(node)
        return Self.layoutParagraph(content, width: width, base: context.base)
    }

    /// A paragraph, or a definition list when some of its lines start with `: `.
    static func layoutParagraph(_ content: InlineContent, width: Int, base: Role) -> Fragment {
        var lines: [[TaggedSpan]] = [[]]
        for span in content.spans {
            if span.text == "\n" { lines.append([]) } else { lines[lines.count - 1].append(span) }
        }
        func isDefinition(_ line: [TaggedSpan]) -> Bool { line.first?.text.hasPrefix(": ") == true }
        guard lines.contains(where: isDefinition) else {
            return Fragment(wrapping: content, width: width)
        }
        let indent = width >= 12 ? [StyledSpan("    ")] : []
        var fragment = Fragment()
        for var line in lines {
            var part = InlineContent(spans: [], links: content.links)
            if isDefinition(line) {
                line[0].text = String(line[0].text.dropFirst(2).drop(while: { $0 == " " }))
                part.spans = line
                fragment.append(Fragment(wrapping: part, width: width, firstIndent: indent, restIndent: indent))
            } else {
                part.spans = line.map { span in
                    var span = span
                    if span.role == base || span.role == .normal { span.role = .strong }
                    return span
                }
                fragment.append(Fragment(wrapping: part, width: width))
            }
        }
        return fragment
    }

    private mutating func renderHeading(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        let inline = InlineRenderer(
            source: source, footnotes: footnotes, base: .heading, flattenEmphasis: true, numberer: numberer)
        let content = inline.render(node)
        var fragment = Fragment(wrapping: content, width: width)
        let level = node.headingLevel
        if level <= 2 {
            let textWidth = fragment.lines.map { DisplayWidth.of($0.text) }.max() ?? 0
            let rule = String(repeating: level == 1 ? "═" : "─", count: min(width, max(textWidth, 1)))
            fragment.lines.append(StyledLine(rule, .heading))
        }
        let index = headingsSeen
        headingsSeen += 1
        let text = index < headingList.count ? headingList[index].text : content.plainText
        fragment.headings.append(DocumentHeading(level: level, text: text, line: 0))
        fragment.anchors["h:\(index)"] = 0
        return fragment
    }

    /// `[TOC]`: the headings, indented by level.
    private func renderContents(width: Int) -> Fragment {
        var fragment = Fragment()
        guard let top = headingList.map(\.level).min() else { return fragment }
        for (index, heading) in headingList.enumerated() {
            let indent = String(repeating: "  ", count: min(heading.level - top, max(0, (width - 4) / 4)))
            let text = DisplayWidth.truncate(heading.text, to: width - indent.count)
            var spans = [StyledSpan(text, .link)]
            if !indent.isEmpty { spans.insert(StyledSpan(indent), at: 0) }
            fragment.links.append(
                (
                    line: fragment.lines.count,
                    link: PendingLink(
                        text: text, target: "#" + Self.slug(heading.text), kind: .heading, anchor: "h:\(index)")
                ))
            fragment.lines.append(StyledLine(spans))
        }
        return fragment
    }

    /// The anchor Python-Markdown's TOC gives a heading: lower case, words joined by `-`.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber || c == "_" {
                if dash && !out.isEmpty { out.append("-") }
                out.append(c)
                dash = false
            } else if c == " " || c == "-" {
                dash = true
            }
        }
        return out
    }

    private mutating func renderQuote(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        var inner = context
        inner.base = .quote
        inner.depth += 1
        guard width >= 6, context.depth < Self.maximumDepth else {
            return flatText(node, width: width, context: inner)
        }
        let bar = [StyledSpan("│ ", .quote)]
        return renderChildren(of: node, width: width - 2, context: inner, tight: false).prefixed(first: bar, rest: bar)
    }

    private mutating func renderList(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        var inner = context
        inner.depth += 1
        inner.listDepth += 1
        guard context.depth < Self.maximumDepth else { return flatText(node, width: width, context: inner) }
        let items = node.children
        let ordered = node.isOrderedList
        let start = node.listStart
        let tight = node.isTightList
        let numberWidth = String(start + max(0, items.count - 1)).count
        let bullet = ["•", "◦", "▪"][context.listDepth % 3]
        var fragment = Fragment()
        for (index, item) in items.enumerated() {
            var marker: [StyledSpan]
            if ordered {
                let number = String(start + index) + (node.listDelimiterIsParen ? ")" : ".")
                let padding = String(repeating: " ", count: max(0, numberWidth - String(start + index).count))
                marker = [StyledSpan(padding + number + " ", context.base)]
                if let checked = item.taskState { marker.append(StyledSpan(checked ? "☑ " : "☐ ", context.base)) }
            } else if let checked = item.taskState {
                marker = [StyledSpan(checked ? "☑ " : "☐ ", context.base)]
            } else {
                marker = [StyledSpan(bullet + " ", context.base)]
            }
            let markerWidth = DisplayWidth.of(marker.plainText)
            let hanging = width - markerWidth >= 8
            var body = renderChildren(
                of: item, width: hanging ? width - markerWidth : width, context: inner, tight: tight)
            if body.isEmpty { body.lines.append(StyledLine()) }
            let rest = hanging ? [StyledSpan(String(repeating: " ", count: markerWidth))] : []
            if hanging {
                body = body.prefixed(first: marker, rest: rest)
            } else {
                var withMarker = Fragment(lines: [StyledLine(marker)])
                withMarker.append(body)
                body = withMarker
            }
            if !fragment.isEmpty && !tight { fragment.appendBlank() }
            fragment.append(body)
        }
        return fragment
    }

    private func renderCode(_ node: CMarkNode, width: Int) -> Fragment {
        var lines = source.restore(node.literal).split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        if !node.isFenced, let first = lines.first?.trimming(" ") {
            // Allura: `:::python` names the language; `#!python` too (and turns on line numbers,
            // which we leave out); a shebang with a path stays part of the code.
            let afterShebang = first.dropFirst(2).first
            if first.hasPrefix(":::") || (first.hasPrefix("#!") && afterShebang?.isLetter == true) {
                lines.removeFirst()
            }
        }
        let indent = width >= 8 ? 2 : 0
        let room = width - indent
        var fragment = Fragment()
        for raw in lines {
            let line = Sanitizer.clean(String(raw))
            if line.isEmpty {
                fragment.lines.append(StyledLine())
                continue
            }
            var spans: [StyledSpan] = indent > 0 ? [StyledSpan(String(repeating: " ", count: indent))] : []
            if DisplayWidth.of(line) > room {
                // Code is never wrapped: clip, and say so.
                spans.append(StyledSpan(DisplayWidth.truncate(line, to: room - 1, ellipsis: ""), .code))
                spans.append(StyledSpan("…", .muted))
            } else {
                spans.append(StyledSpan(line, .code))
            }
            fragment.lines.append(StyledLine(spans))
        }
        return fragment
    }

    private func renderHTML(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        let html = source.restore(node.literal)
        let lowered = html.drop(while: { $0 == " " }).prefix(5).lowercased()
        if lowered.hasPrefix("<pre") {
            var text = ""
            for token in HTMLText.tokens(html) { if case .text(let t) = token { text += t } }
            let trimmed = text.split(separator: "\n", omittingEmptySubsequences: false)
                .drop(while: { $0.trimming(" ").isEmpty })
            return codeLines(trimmed.map(String.init), width: width)
        }
        let content = inlineRenderer(context).render(html: html)
        guard content.spans.contains(where: { !$0.text.trimming(" ").isEmpty && $0.text != "\n" }) else {
            return Fragment()
        }
        return Self.layoutParagraph(content, width: width, base: context.base)
    }

    private func codeLines(_ lines: [String], width: Int) -> Fragment {
        var lines = lines
        while lines.last?.trimming(" ").isEmpty == true { lines.removeLast() }
        let indent = width >= 8 ? "  " : ""
        var fragment = Fragment()
        for raw in lines {
            let line = Sanitizer.clean(raw)
            if line.isEmpty {
                fragment.lines.append(StyledLine())
            } else if DisplayWidth.of(line) > width - indent.count {
                fragment.lines.append(
                    StyledLine([
                        StyledSpan(indent),
                        StyledSpan(DisplayWidth.truncate(line, to: width - indent.count - 1, ellipsis: ""), .code),
                        StyledSpan("…", .muted),
                    ]))
            } else {
                fragment.lines.append(StyledLine([StyledSpan(indent), StyledSpan(line, .code)]))
            }
        }
        return fragment
    }

    private mutating func renderFootnote(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        footnotesSeen += 1
        let number = footnotesSeen
        let marker = "[\(number)] "
        let markerWidth = marker.count
        var inner = context
        inner.depth += 1
        var body = renderChildren(of: node, width: max(1, width - markerWidth), context: inner, tight: true)
        if body.isEmpty { body.lines.append(StyledLine()) }
        body = body.prefixed(
            first: [StyledSpan(marker, .muted)], rest: [StyledSpan(String(repeating: " ", count: markerWidth))])
        body.anchors["fn:\(number)"] = 0
        return body
    }

    /// A container nested too deep to indent further: its text, wrapped, in `context.base`.
    private func flatText(_ node: CMarkNode, width: Int, context: Context) -> Fragment {
        var text = ""
        node.walk { child, entering in
            switch child.kind {
            case .text, .code, .codeBlock:
                if entering { text += source.restore(child.literal) }
            case .softBreak, .lineBreak:
                if entering { text += "\n" }
            case .paragraph, .heading, .item:
                if !entering && !text.hasSuffix("\n") { text += "\n" }
            default:
                break
            }
        }
        let lines = text.split(separator: "\n").map { TaggedSpan(Sanitizer.clean(String($0)), context.base) }
        var spans: [TaggedSpan] = []
        for line in lines {
            if !spans.isEmpty { spans.append(TaggedSpan("\n")) }
            spans.append(line)
        }
        return Fragment(wrapping: InlineContent(spans: spans, links: []), width: width)
    }
}

extension Fragment {
    init(lines: [StyledLine]) {
        self.init()
        self.lines = lines
    }
}
