import DemoForge
import Foundation

/// `anvil-bench serve N…`: the demo forge over loopback HTTP with one generated topic per size,
/// for the terminal benchmarks, each GET answered from memory after its first time
/// (`RememberingForge`). Prints the served address, then `size thread-id` lines, and runs until its
/// standard input closes.
enum ThreadServer {
    static func run(sizes: [Int]) -> Never {
        let forge = DemoForge()
        let ids = sizes.map { forge.addLargeTopic(posts: $0) }
        let server = DemoServer(forge: RememberingForge(forge))
        do {
            try server.start()
        } catch {
            FileHandle.standardError.write(Data("anvil-bench serve: \(error)\n".utf8))
            exit(1)
        }
        forge.useBaseURL(server.baseURL)
        var lines = server.baseURL.absoluteString + "\n"
        for (size, id) in zip(sizes, ids) { lines += "\(size) \(id)\n" }
        FileHandle.standardOutput.write(Data(lines.utf8))
        while readLine() != nil {}
        server.stop()
        exit(0)
    }
}
