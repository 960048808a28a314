import ArgumentParser
import CSystem
import Foundation

// The zero-initialised data the first screens use is mapped writable before any thread starts.
// Pages of it first read (a lazy global's token) and then written are otherwise copied on the
// write, and while other threads run each such copy interrupts their processors to flush the old
// mapping: hundreds of interrupts on the way to the first screen. The rest of the data (three
// pages in four) is left to be mapped if it is ever used.
_ = csystem_populate_bss()

let arguments = ArgumentOrder.normalise(Array(CommandLine.arguments.dropFirst()))
if let quick = QuickBrowse(arguments) {
    do {
        try quick.command.run()
    } catch {
        AnvilCommand.exit(withError: error)
    }
} else {
    AnvilCommand.main(arguments)
}
