import ArgumentParser
import Foundation

AnvilCommand.main(ArgumentOrder.normalise(Array(CommandLine.arguments.dropFirst())))
