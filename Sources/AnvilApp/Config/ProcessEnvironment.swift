#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process's environment variables, read from `environ` as `ProcessInfo` reads them (a
/// variable named twice keeps its last value; an entry without `=` is left out), without
/// setting up `ProcessInfo` at start-up.
public enum ProcessEnvironment {
    public static func variables() -> [String: String] {
        // `environ` is null after a `clearenv`: read as an optional, that is nil.
        let start: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        guard let start else { return [:] }
        var count = 0
        while start[count] != nil { count += 1 }
        var variables: [String: String] = [:]
        variables.reserveCapacity(count)
        // Each name and value made from its bytes: no string of the whole entry, no scan by
        // characters (a tenth of a million instructions for a few dozen variables otherwise).
        for index in 0..<count {
            guard let pointer = start[index] else { continue }
            let entry = UnsafeRawBufferPointer(start: pointer, count: strlen(pointer))
            guard let equals = entry.firstIndex(of: UInt8(ascii: "=")) else { continue }
            let name = String(decoding: UnsafeRawBufferPointer(rebasing: entry[..<equals]), as: UTF8.self)
            let value = String(decoding: UnsafeRawBufferPointer(rebasing: entry[(equals + 1)...]), as: UTF8.self)
            variables[name] = value
        }
        return variables
    }
}
