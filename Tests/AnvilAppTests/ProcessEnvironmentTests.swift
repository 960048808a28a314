import Foundation
import Testing

@testable import AnvilApp

/// The launcher reads the environment from `environ` itself: it must read what `ProcessInfo` does.
@Suite(.serialized) struct ProcessEnvironmentTests {
    @Test("the variables read from environ are ProcessInfo's, values with '=' and non-ASCII included")
    func variablesAreProcessInfos() {
        setenv("ANVIL_ENVIRONMENT_TEST", "a=b=c ü 日本", 1)
        setenv("ANVIL_ENVIRONMENT_EMPTY", "", 1)
        defer {
            unsetenv("ANVIL_ENVIRONMENT_TEST")
            unsetenv("ANVIL_ENVIRONMENT_EMPTY")
        }
        let variables = ProcessEnvironment.variables()
        #expect(variables["ANVIL_ENVIRONMENT_TEST"] == "a=b=c ü 日本")
        #expect(variables["ANVIL_ENVIRONMENT_EMPTY"] == "")
        #expect(variables == ProcessInfo.processInfo.environment)
    }
}
