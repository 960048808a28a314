import AnvilApp
import Foundation
import Testing

/// Every mistake in the config file names the file, the line and the key.
@Suite("Config errors")
struct ConfigErrorTests {
    let file = "/home/u/.config/anvil/config.toml"

    /// The error from parsing `text`, which the test requires to fail.
    func failure(_ text: String) throws -> ConfigError {
        try #require(configError { _ = try AnvilConfig.parse(text, file: file) })
    }

    @Test("malformed TOML gives the line and column from the parser")
    func malformedTOML() throws {
        let error = try failure("theme = \"x\"\n\nascii = tru\n")
        #expect(error.file == file)
        #expect(error.line == 3)
        #expect(error.column != nil)
        #expect(error.message.hasPrefix("\(file):3:"))
        #expect(error.message.contains("malformed TOML"))
        #expect(!error.message.contains("\n"), "the CLI prints one line")
    }

    @Test("a value of the wrong type names the key and its line")
    func wrongType() throws {
        let text = """
            default_forge = "sf"
            theme = "default"
            [forges.sf]
            url = 42
            """
        let error = try failure(text)
        #expect(error.message == "\(file):4: forges.sf.url: expected a string, found an integer")
        #expect(error.line == 4)
        #expect(error.key == "forges.sf.url")
    }

    @Test("other wrong types: boolean, table, list of key names, search")
    func otherWrongTypes() throws {
        #expect(
            try failure("theme = \"x\"\nascii = \"yes\"\n").message
                == "\(file):2: ascii: expected true or false, found a string")
        #expect(
            try failure("theme = \"x\"\ncursor = \"block\"\n").message
                == "\(file):2: cursor: expected \"arrow\" or \"bar\"")
        #expect(try failure("cursor = 1\n").message == "\(file):1: cursor: expected a string, found an integer")
        #expect(try failure("forges = 3\n").message == "\(file):1: forges: expected a table, found an integer")
        #expect(
            try failure("[forges]\nsf = \"https://x.org\"\n").message
                == "\(file):2: forges.sf: expected a table, found a string")
        #expect(
            try failure("[keys]\nquit = [\"Q\", 1]\n").message
                == "\(file):2: keys.quit: expected a list of key names (strings), found an integer")
        #expect(
            try failure("[searches]\nmine = \"a\"\n\"my open\" = 3\n").message
                == "\(file):3: searches.\"my open\": expected a string, found an integer")
    }

    @Test("unknown keys are errors, at any level, with the line of the first one")
    func unknownKeys() throws {
        let top = try failure("theme = \"x\"\ncolour = \"red\"\n")
        #expect(top.message.hasPrefix("\(file):2: colour: unknown key"))

        let inForge = try failure("[forges.sf]\nurl = \"https://sourceforge.net\"\ntokn_command = \"pass sf\"\n")
        #expect(inForge.message.hasPrefix("\(file):3: forges.sf.tokn_command: unknown key (expected one of:"))
        #expect(inForge.message.contains("token_command"))

        let dotted = try failure("forges.sf.url = \"https://sourceforge.net\"\nforges.sf.passwrd = \"x\"\n")
        #expect(dotted.message.hasPrefix("\(file):2: forges.sf.passwrd: unknown key"))

        let table = try failure("ascii = true\n\n[colours]\nx = 1\n")
        #expect(table.message.hasPrefix("\(file):3: colours: unknown key"))
    }

    @Test("lines are counted through multi-line strings, arrays and comments")
    func linesAfterMultilineValues() throws {
        let text = """
            theme = \"\"\"
            not = "a key"
            \"\"\"
            [keys]
            move-down = [
              "j",   # comment with = sign
              "Down",
            ]
            [forges.sf]
            url = 'https://sourceforge.net'
            username = 7
            """
        #expect(try failure(text).message == "\(file):11: forges.sf.username: expected a string, found an integer")
    }

    @Test("a URL that does not parse, is not http(s), has no host or carries a password is refused")
    func badURLs() throws {
        func urlError(_ url: String) throws -> ConfigError {
            try failure("ascii = false\n[forges.sf]\nurl = \"\(url)\"\n")
        }
        for url in ["not a url", "htp://sourceforge.net", "ftp://sourceforge.net", "https://", "sourceforge.net"] {
            let error = try urlError(url)
            #expect(error.message.hasPrefix("\(file):3: forges.sf.url: "), "\(url)")
        }
        #expect(try urlError("ftp://x.org").message.hasSuffix("expected an http or https URL"))
        let withPassword = try urlError("https://mara:hunter2@sourceforge.net")
        #expect(withPassword.message.hasPrefix("\(file):3: forges.sf.url: "))
        #expect(!withPassword.message.contains("hunter2"))
    }

    @Test("a forge without url is an error at its table")
    func missingURL() throws {
        let error = try failure("theme = \"x\"\n[forges.work]\nusername = \"mara\"\n")
        #expect(error.message.hasPrefix("\(file):2: forges.work: missing url"))
    }

    @Test("default_forge must name a configured forge")
    func unknownDefaultForge() throws {
        let error = try failure("default_forge = \"wrok\"\n[forges.work]\nurl = \"https://x.org\"\n")
        #expect(error.message == "\(file):1: default_forge: no forge named 'wrok'; configured: 'work'")
    }

    @Test("an unknown action in [keys] is an error")
    func unknownAction() throws {
        let error = try failure("[keys]\nmove-down = [\"j\"]\nmvoe-up = [\"k\"]\n")
        #expect(error.message == "\(file):3: keys.mvoe-up: unknown action 'mvoe-up'")
    }

    @Test("an unknown key name in [keys] is an error")
    func unknownKeyName() throws {
        let error = try failure("theme = \"x\"\n[keys]\nmove-down = [\"j\", \"Dwn\"]\n")
        #expect(error.message == "\(file):3: keys.move-down: unknown key name 'Dwn'")
    }

    @Test("one key bound to two actions in [keys] is an error")
    func keyBoundTwice() throws {
        let error = try failure("[keys]\nmove-down = [\"x\"]\nreload = [\"x\"]\n")
        #expect(error.message.contains("key 'x' is also bound to"))
        #expect(error.line == 2 || error.line == 3)
    }

    @Test("empty strings are refused where a value is needed")
    func emptyStrings() throws {
        #expect(try failure("theme = \"\"\n").message == "\(file):1: theme: must not be empty")
        let command = try failure("[forges.sf]\nurl = \"https://x.org\"\ntoken_command = \" \"\n")
        #expect(command.message == "\(file):3: forges.sf.token_command: must not be empty")
    }

    @Test("a missing --config file is an error naming it; an unreadable one too")
    func missingExplicitFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path + "/nope.toml"
        let error = try #require(
            configError { _ = try AnvilConfig.load(path: path, environment: directory.environment) })
        #expect(error.message == "\(path): no such file")

        let folder = try #require(
            configError { _ = try AnvilConfig.load(path: directory.path, environment: directory.environment) })
        #expect(folder.message.hasPrefix("\(directory.path): "))
    }

    @Test("errors in the default file name that file")
    func errorInDefaultFile() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("home/.config/anvil/config.toml", "ascii = 1\n")
        let error = try #require(
            configError { _ = try AnvilConfig.load(path: nil, environment: directory.environment) })
        #expect(error.message == "\(path):1: ascii: expected true or false, found an integer")
    }

    @Test("max_response_mb sets the body cap; out of range or not a number is an error on its line")
    func responseCap() throws {
        #expect(try AnvilConfig.parse("", file: file).maximumResponseBytes == 32 << 20)
        #expect(try AnvilConfig.parse("max_response_mb = 5\n", file: file).maximumResponseBytes == 5 << 20)
        for bad in ["0", "-1", "5000", "\"big\""] {
            let error = try failure("theme = \"default\"\nmax_response_mb = \(bad)\n")
            #expect(error.line == 2, "\(bad)")
            #expect(error.message.contains("max_response_mb"))
        }
    }
}
