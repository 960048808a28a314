import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// `openssl s_server` on loopback with a self-signed certificate made for the test; it stops
/// itself after a minute whatever happens to the test.
public final class TLSServer: Sendable {
    public let port: UInt16
    /// Holds `cert.pem`, the certificate a client must trust.
    public let directory: String
    private let pid: Int32

    public init() throws {
        directory = NSTemporaryDirectory() + "anvil-tls-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let made = try Spawn.run([
            "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "1",
            "-keyout", directory + "/key.pem", "-out", directory + "/cert.pem",
        ])
        guard made.status == 0 else { throw TLSServerError.certificate(made.output) }
        port = try LoopbackSocket.freePort()
        let started = try Spawn.run([
            "sh", "-c",
            "timeout 60 openssl s_server -quiet -www -accept 127.0.0.1:\(port) -cert \"$1/cert.pem\" "
                + "-key \"$1/key.pem\" >/dev/null 2>&1 </dev/null & echo $!",
            "sh", directory,
        ])
        guard let pid = Int32(started.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TLSServerError.certificate(started.output)
        }
        self.pid = pid
        // Until it listens.
        for _ in 0..<100 where !LoopbackSocket.accepts(port: port) { Thread.sleep(forTimeInterval: 0.05) }
    }

    public func stop() {
        kill(pid, SIGTERM)
        try? FileManager.default.removeItem(atPath: directory)
    }
}

public enum TLSServerError: Error { case certificate(String) }
