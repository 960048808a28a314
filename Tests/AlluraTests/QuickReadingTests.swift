import DemoForge
import Foundation
import HTTP
import TestSupport
import Testing

@testable import Allura

/// A thread's page read with `JSONReader` is what `JSONDecoder` reads, or nothing (and then
/// `JSONDecoder` reads it): never a different value.
@Suite struct QuickReadingTests {
    static let topicPages = ["thread-page0-limit25.json", "thread-page1-limit25.json"]
    static let threadPages = ["tool-discussion-thread-limit5.json"]

    @Test(arguments: topicPages)
    func recordedTopicPagesReadAsJSONDecoderReadsThem(name: String) throws {
        let data = try Fixtures.allura(name)
        let read = try #require(AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: data))
        #expect(read == (try JSONDecoder().decode(AlluraTopicPostsJSON.self, from: data)))
        #expect(read.topic.posts?.isEmpty == false)
    }

    @Test(arguments: threadPages)
    func recordedToolThreadsReadAsJSONDecoderReadsThem(name: String) throws {
        let data = try Fixtures.allura(name)
        let read = try #require(AlluraForge.readQuickly(AlluraDiscussThreadJSON.self, from: data))
        #expect(read == (try JSONDecoder().decode(AlluraDiscussThreadJSON.self, from: data)))
    }

    /// The demo forge's big thread (what `--demo` and the benchmarks read): every page of it is
    /// taken by the reader, as `JSONDecoder` reads it.
    @Test func theDemoThreadsPagesAreReadQuickly() throws {
        let forge = DemoForge(seed: 1)
        let thread = "p/\(DemoNames.mainProject)/discussion/\(DemoNames.bigForum)/thread/\(DemoNames.bigThreadID)/"
        for page in 0..<3 {
            let url = DemoForge.defaultBaseURL.appending(path: "rest/" + thread)
                .appending(queryItems: [
                    URLQueryItem(name: "page", value: "\(page)"), URLQueryItem(name: "limit", value: "100"),
                ])
            let response = forge.respond(to: HTTPRequest(url: url))
            #expect(response.status == 200)
            let read = try #require(AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: response.body))
            #expect(read == (try JSONDecoder().decode(AlluraTopicPostsJSON.self, from: response.body)))
            #expect(read.topic.posts?.count == 100)
        }
    }

    @Test func otherTypesAreLeftToJSONDecoder() throws {
        #expect(AlluraForge.readQuickly(AlluraProjectJSON.self, from: try Fixtures.allura("project.json")) == nil)
    }

    /// Seeded mutations of the recorded pages (bytes replaced by JSON's own punctuation, digits,
    /// escapes and non-ASCII bytes; bytes dropped; spans repeated): whatever the reader takes,
    /// `JSONDecoder` takes too, with an equal value.
    @Test(arguments: topicPages + threadPages)
    func mutatedPagesAreReadAsJSONDecoderReadsThemOrNotAtAll(name: String) throws {
        let original = [UInt8](try Fixtures.allura(name))
        let topic = Self.topicPages.contains(name)
        let alphabet = Array("\"\\{}[]:,.-+eE0123456789 nultrfu/".utf8) + [0x01, 0x7F, 0xC3, 0xA9, 0xE2, 0xFF]
        var random = SplitMix64(seed: UInt64(name.utf8.count) &* 0x9E37_79B9)
        var taken = 0
        for _ in 0..<1500 {
            var bytes = original
            for _ in 0..<Int.random(in: 1...3, using: &random) {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random)!
                case 1: bytes.remove(at: at)
                default:
                    let end = min(bytes.count, at + Int.random(in: 1...40, using: &random))
                    bytes.insert(contentsOf: bytes[at..<end], at: at)
                }
            }
            let data = Data(bytes)
            if topic {
                guard let read = AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: data) else { continue }
                let decoded = try? JSONDecoder().decode(AlluraTopicPostsJSON.self, from: data)
                #expect(read == decoded, "\(String(decoding: bytes, as: UTF8.self))")
            } else {
                guard let read = AlluraForge.readQuickly(AlluraDiscussThreadJSON.self, from: data) else { continue }
                let decoded = try? JSONDecoder().decode(AlluraDiscussThreadJSON.self, from: data)
                #expect(read == decoded, "\(String(decoding: bytes, as: UTF8.self))")
            }
            taken += 1
        }
        #expect(taken > 100, "the reader takes mutated pages that are still JSON of the shape (\(taken))")
    }

    static func page(_ post: String, extra: String = "") -> Data {
        Data(#"{"count": 1, "limit": 25, "page": 0\#(extra), "topic": {"_id": "t1", "posts": [\#(post)]}}"#.utf8)
    }

    /// What the reader cannot read exactly as `JSONDecoder` does, it declines.
    @Test(arguments: [
        page(#"{"slug": "a1", "subj\u0065ct": "escaped key"}"#),
        page(#"{"slug": "a1", "text": "one", "text": "two"}"#),
        page(#"{"slug": "a1"}"#, extra: #", "limit": 25"#),
        page(#"{"slug": "a1"}"#, extra: #", "count": 1.0"#),
        page(#"{"slug": "a1", "text": "\ud800 alone"}"#),
        page(#"{"slug": "a1", "text": "tab\#traw"}"#),
        page(#"{"slug": "a1", "is_meta": "yes"}"#),
        page(#"{"text": "no slug"}"#),
        page(#"{"slug": null}"#),
        Data([0xEF, 0xBB, 0xBF]) + page(#"{"slug": "a1"}"#),
        page(#"{"slug": "a1"}"#) + Data(" x".utf8),
    ])
    func whatItCannotReadExactlyIsDeclined(data: Data) {
        #expect(AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: data) == nil)
    }

    @Test func invalidUTF8IsDeclined() {
        var bytes = [UInt8](Self.page(#"{"slug": "a1", "text": "é"}"#))
        let at = bytes.firstIndex(of: 0xC3)!
        bytes[at + 1] = 0x28
        #expect(AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: Data(bytes)) == nil)
    }

    @Test func escapesAndNullsReadAsJSONDecoderReadsThem() throws {
        let data = Self.page(
            #"""
            {"slug": "a1/b2", "text": "caf\u00e9 \"q\" \\ \/ \n\t\b\f\r \ud83d\ude00 ✓", "subject": null,
             "author": "ingrid", "timestamp": "2026-06-04 05:05:01.123000", "last_edited": null,
             "attachments": [{"bytes": 12, "url": "https://x.test/a.png", "extra": [1, -2.5e3, {"k": true}]}],
             "is_meta": false, "unknown": {"nested": [null, "s", 0]}}
            """#)
        let read = try #require(AlluraForge.readQuickly(AlluraTopicPostsJSON.self, from: data))
        #expect(read == (try JSONDecoder().decode(AlluraTopicPostsJSON.self, from: data)))
        let post = try #require(read.topic.posts?.first)
        #expect(post.text == "café \"q\" \\ / \n\t\u{08}\u{0C}\r 😀 ✓")
        #expect(post.timestamp?.date != nil)
        #expect(post.attachments?.first?.bytes == 12)
    }
}
