import Testing

@testable import AnvilApp

/// Notices posted before the UI's mailbox exists (a cache that could not be opened while the
/// terminal started) reach it when it connects.
@Suite struct NoticeRelayTests {
    @Test("early notices and warnings are delivered at connect, in order; later ones at once")
    func earlyNoticesArrive() {
        let relay = NoticeRelay()
        relay.warn("cache: cannot open")
        relay.post("rate limited")
        let mailbox = Mailbox()
        relay.connect(mailbox)
        relay.post("later")
        let texts = mailbox.takeAll().map { event -> String in
            switch event {
            case .warning(let text): "warning: " + text
            case .notice(let text): "notice: " + text
            default: "other"
            }
        }
        #expect(texts == ["warning: cache: cannot open", "notice: rate limited", "notice: later"])
        relay.connect(Mailbox())
        #expect(mailbox.takeAll().isEmpty, "nothing is delivered twice")
    }

    @Test("a warning shows on the status line as an error")
    func aWarningIsAnError() async throws {
        try await onUIThread {
            let h = try DemoHarness(width: 80, height: 20)
            h.app.mailbox.post(.warning("cache.sqlite cannot open: file is not a database"))
            h.app.deliverMail()
            #expect(h.app.message?.text.contains("file is not a database") == true)
            #expect(h.app.message?.isError == true)
        }
    }
}
