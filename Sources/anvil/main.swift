import ArgumentParser
import Foundation

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
