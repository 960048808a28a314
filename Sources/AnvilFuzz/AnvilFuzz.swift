import Foundation
import FuzzTargets

// `anvil-fuzz`: the fuzz targets outside the test suite (`make fuzz`).
//
// Built with `-sanitize=fuzzer -D ANVIL_LIBFUZZER`, it is a libFuzzer binary whose target is named
// by `ANVIL_FUZZ_TARGET`. Built normally, it runs the seeded fuzzer:
// `anvil-fuzz TARGET SECONDS SEED [CORPUS_DIRECTORY...]`.

#if ANVIL_LIBFUZZER
    @_cdecl("LLVMFuzzerTestOneInput")
    public func fuzzOne(_ start: UnsafePointer<UInt8>, _ count: Int) -> CInt {
        let name = ProcessInfo.processInfo.environment["ANVIL_FUZZ_TARGET"] ?? "sanitizer"
        guard let target = FuzzTargets.target(named: name) else { fatalError("no fuzz target named \(name)") }
        do {
            try target(Data(bytes: start, count: count))
        } catch {
            fatalError("\(error)")
        }
        return 0
    }

    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
    ) -> CInt

    /// The entry point SwiftPM links an executable target through.
    @_cdecl("anvil_fuzz_main")
    public func fuzzMain(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, fuzzOne)
    }
#else
    @main
    enum SeededFuzzMain {
        static func main() {
            let arguments = CommandLine.arguments
            guard arguments.count >= 4, let target = FuzzTargets.target(named: arguments[1]),
                let seconds = Double(arguments[2]), let seed = UInt64(arguments[3])
            else {
                let names = FuzzTargets.all.map(\.name).joined(separator: "|")
                FileHandle.standardError.write(
                    Data("usage: anvil-fuzz \(names) SECONDS SEED [CORPUS_DIRECTORY...]\n".utf8))
                exit(2)
            }
            var seeds: [Data] = []
            for directory in arguments.dropFirst(4) {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
                for name in names.sorted() {
                    if let data = FileManager.default.contents(atPath: directory + "/" + name) { seeds.append(data) }
                }
            }
            var fuzzer = SeededFuzzer(seed: seed, seeds: seeds)
            let report = fuzzer.run(target, iterations: .max, seconds: seconds)
            print("\(arguments[1]): \(report.executions) executions, \(report.failures.count) failures")
            for failure in report.failures.prefix(5) {
                print("  \(failure.problem): \(failure.input.base64EncodedString())")
            }
            exit(report.failures.isEmpty ? 0 : 1)
        }
    }
#endif
