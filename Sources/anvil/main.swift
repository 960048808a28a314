import ArgumentParser
import Foundation

AnvilCommand.main()
