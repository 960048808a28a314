import CWire
import ForgeModel

/// Decodes a gzip (or zlib) body through zlib, refusing one that decodes past a cap.
enum Gunzip {
    static func decode(_ input: [UInt8], maximumBytes: Int) throws -> [UInt8] {
        guard let stream = anvil_gunzip_open() else { throw ForgeError.invalidResponse("cannot decode a gzip answer") }
        defer { anvil_gunzip_close(stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        var offset = 0
        while true {
            var used = 0
            var made = 0
            let status = input.withUnsafeBytes { source in
                chunk.withUnsafeMutableBytes { target in
                    anvil_gunzip_step(
                        stream, source.baseAddress.map { $0 + offset }, input.count - offset, &used,
                        target.baseAddress, target.count, &made)
                }
            }
            offset += used
            output.append(contentsOf: chunk[0..<made])
            guard output.count <= maximumBytes else { throw ResponseReader.tooLarge(maximumBytes) }
            switch status {
            case Int32(ANVIL_GUNZIP_END): return output
            case Int32(ANVIL_GUNZIP_MORE) where used > 0 || made > 0: continue
            default: throw ForgeError.invalidResponse("the server sent a corrupt gzip answer")
            }
        }
    }
}
