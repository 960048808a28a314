import Foundation

/// Reads a token from a file that only its owner can read.
///
/// The file must be a regular file owned by the current user with mode exactly 0600 or 0400;
/// the check and the read use the same open descriptor, so the file cannot be swapped between them.
struct TokenFile {
    let path: String
    let forgeName: String

    /// More than this is not a token.
    static let sizeLimit = 64 * 1024

    func read() throws(ConfigError) -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)
        guard descriptor >= 0 else {
            let reason = errno == ENOENT ? "does not exist" : "cannot be opened: \(String(cString: strerror(errno)))"
            throw failure(reason)
        }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw failure("cannot be examined") }
        guard info.st_mode & S_IFMT == S_IFREG else { throw failure("is not a regular file") }
        guard info.st_uid == geteuid() else { throw failure("belongs to another user") }
        let mode = info.st_mode & 0o7777
        guard mode == 0o600 || mode == 0o400 else {
            throw failure(
                "has mode \(String(mode, radix: 8).leftPadded(to: 4)); it must be 0600 or 0400 "
                    + "so that only you can read it (chmod 600 \(path))")
        }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw failure("cannot be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
            if data.count > Self.sizeLimit { throw failure("is too large to hold a token") }
        }
        guard let text = String(data: data, encoding: .utf8) else { throw failure("is not UTF-8 text") }
        return text
    }

    private func failure(_ reason: String) -> ConfigError {
        ConfigError(problem: "forge '\(forgeName)': token_file \(path) \(reason)")
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
