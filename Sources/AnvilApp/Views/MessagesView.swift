import Foundation
import TerminalUI
import Text

/// One status line message, as kept in the session's message log.
public struct LoggedMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
    public var time: Date
}

/// `:messages`: every status message of the session, newest last, each in full.
final class MessagesView: ScreenView {
    private let messages: [LoggedMessage]

    init(session: ForgeSession, messages: [LoggedMessage]) {
        self.messages = messages
        super.init(session: session, mode: .pager)
    }

    override var crumbs: [String] { ["messages"] }

    override func buildRows(width: Int) -> [Row] {
        guard !messages.isEmpty else { return [Row("  No messages yet.", .muted)] }
        var rows: [Row] = []
        let clock = DateFormatter()
        clock.dateFormat = "HH:mm:ss"
        clock.timeZone = TimeZone(identifier: "UTC")
        for message in messages {
            let stamp = StyledSpan(clock.string(from: message.time) + "  ", .date)
            let indent = StyledSpan(String(repeating: " ", count: DisplayWidth.of(stamp.text)))
            let wrapped = Wrapper.wrap(
                StyledLine(message.text, message.isError ? .error : .normal), width: width, firstIndent: [stamp],
                restIndent: [indent])
            rows.append(contentsOf: wrapped.map { Row($0) })
        }
        return rows
    }

    /// Opens at the newest message.
    override func start(_ app: App) {
        let count = rows(width: app.device.width).count
        scroll.select(max(0, count - app.contentHeight), rowCount: count, height: app.contentHeight) { _ in true }
    }
}
