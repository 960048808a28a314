import Allura
import ForgeModel
import Foundation
import HTTP
import TerminalUI
import TestSupport
import Testing

@testable import AnvilApp

/// Writes against a forge that loses answers: nothing is posted twice, nothing typed is lost.
@Suite struct WriteSafetyTests {
    /// A tool thread that stores every comment posted to it and then drops the connection.
    final class LossyThread: @unchecked Sendable {
        private let lock = NSLock()
        private var texts: [String] = []
        var posted: [String] { lock.withLock { texts } }

        func store(_ body: String) {
            let field = body.split(separator: "&").first { $0.hasPrefix("text=") }.map { String($0.dropFirst(5)) }
            let text = field.flatMap { $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding } ?? ""
            lock.withLock { texts.append(text) }
        }

        var json: String {
            let posts = posted.enumerated().map { index, text in
                let quoted = String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
                return #"{"slug": "c\#(index)", "text": \#(quoted), "subject": "", "author": "me", "#
                    + #""timestamp": "2026-09-06 09:00:0\#(index % 10)", "attachments": []}"#
            }
            let thread =
                #"{"_id": "T", "discussion_id": "d", "subject": "Bug", "posts": [\#(posts.joined(separator: ","))]}"#
            return #"{"thread": \#(thread)}"#
        }
    }

    /// An app showing thread T of tool `bugs` of `p/test` on `server`, its state in `directory`,
    /// whose editor writes `comment`.
    static func threadT(
        on server: FaultServer, stateIn directory: String, comment: String, timeout: Double
    ) throws -> App {
        var options = AppOptions()
        options.state = LocalState(path: directory + "/state.sqlite")
        options.editText = { _ in comment }
        let forge = try AlluraForge(
            baseURL: server.baseURL, token: "t0ken", transport: SocketTransport(timeout: timeout, deadline: 10))
        let session = ForgeSession(forge: forge, baseURL: server.baseURL)
        let app = App(device: HeadlessTerminal(width: 80, height: 24), mailbox: Mailbox(), options: options)
        app.open(
            .discussionThread(ProjectPath(neighborhood: "p", name: "test"), mount: "bugs", thread: "T"),
            session: session)
        return app
    }

    /// A forge whose thread T answers its reads with `read` and takes half a second to store
    /// each comment, then answers with the new post.
    static func slowlyPosting(
        to thread: LossyThread, read: @escaping @Sendable (LossyThread) -> FaultServer.Fault
    ) throws -> FaultServer {
        let base = Box<URL>()
        let server = try FaultServer { request in
            switch (request.method, request.path) {
            case ("GET", FakeAllura.projectPath): return base.value.map(FakeAllura.project) ?? .reset
            case ("GET", "/rest/p/test/bugs/_discuss/thread/T/"): return read(thread)
            case ("POST", "/rest/p/test/bugs/_discuss/thread/T/new"):
                Thread.sleep(forTimeInterval: 0.5)
                thread.store(request.body)
                let post =
                    #"{"slug": "c0", "text": "Posted", "subject": "", "author": "me", "#
                    + #""timestamp": "2026-09-06 09:00:00", "attachments": []}"#
                return .json(#"{"post": \#(post)}"#)
            default: return FakeAllura.errorPage(404, reason: "No")
            }
        }
        base.value = server.baseURL
        return server
    }

    @Test("a comment whose answer was lost is found on the forge, not posted again")
    func lostAnswerIsNotPostedTwice() async throws {
        try await onUIThread {
            let thread = LossyThread()
            let base = Box<URL>()
            let server = try FaultServer { request in
                switch (request.method, request.path) {
                case ("GET", FakeAllura.projectPath): return base.value.map(FakeAllura.project) ?? .reset
                case ("GET", "/rest/p/test/bugs/_discuss/thread/T/"): return .json(thread.json)
                case ("POST", "/rest/p/test/bugs/_discuss/thread/T/new"):
                    thread.store(request.body)
                    return .lost
                default: return FakeAllura.errorPage(404, reason: "No")
                }
            }
            base.value = server.baseURL
            defer { server.stop() }
            let directory = NSTemporaryDirectory() + "anvil-writes-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let app = try Self.threadT(
                on: server, stateIn: directory, comment: "Steps to reproduce: press the button.\n", timeout: 2)
            #expect(app.settle(seconds: 60))

            app.perform(.comment)
            #expect(app.settle(seconds: 60))
            #expect(thread.posted.count == 1, "the forge stored it")
            #expect(app.message?.text.contains("Not sent") == true, "\(String(describing: app.message))")

            app.perform(.comment)
            #expect(app.settle(seconds: 60))
            #expect(thread.posted.count == 1, "sent twice: \(thread.posted)")
            #expect(
                app.message?.text.contains("Already on the forge") == true,
                "\(String(describing: app.message)) \(server.requests.map { $0.method + " " + $0.target })")
        }
    }

    @Test("a read that fails while a comment is being sent is not taken for the comment's failure")
    func failedReadDuringASendIsNotTheSendsFailure() async throws {
        try await onUIThread {
            let thread = LossyThread()
            // The thread cannot be read, at once; the comment takes a moment and is stored.
            let server = try Self.slowlyPosting(to: thread) { _ in FakeAllura.errorPage(502, reason: "Down") }
            defer { server.stop() }
            let directory = NSTemporaryDirectory() + "anvil-writes-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let app = try Self.threadT(on: server, stateIn: directory, comment: "Posted\n", timeout: 5)
            // The comment is written before the thread's read has failed.
            app.perform(.comment)
            #expect(app.settle(seconds: 60))
            #expect(thread.posted.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } == ["Posted"])
            #expect(app.message?.text.contains("Not sent") != true, "\(String(describing: app.message))")
            #expect(app.options.state?.allDrafts().isEmpty == true, "the forge took it: no draft is kept")
        }
    }

    @Test("a comment whose thread was left before the answer came still drops its draft once posted")
    func answerToALeftThreadStillArrives() async throws {
        try await onUIThread {
            let thread = LossyThread()
            let server = try Self.slowlyPosting(to: thread) { .json($0.json) }
            defer { server.stop() }
            let directory = NSTemporaryDirectory() + "anvil-writes-\(UUID().uuidString)"
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let app = try Self.threadT(on: server, stateIn: directory, comment: "Posted\n", timeout: 5)
            #expect(app.settle(seconds: 60))
            app.perform(.comment)
            #expect(app.options.state?.allDrafts().count == 1, "kept while it is on its way")
            // Left at once: the answer comes after.
            app.back()
            #expect(app.stack.isEmpty)
            #expect(app.settle(seconds: 60))
            #expect(thread.posted.count == 1)
            #expect(app.options.state?.allDrafts().isEmpty == true, "the forge took it: no draft is kept")
            #expect(app.message?.text == "Posted", "\(String(describing: app.message))")
        }
    }
}
