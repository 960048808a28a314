import Foundation
import PackagePlugin

/// Writes `BuildInfo.swift` with the commit the sources were built from (`git describe`), so
/// `anvil --version` can name it. The file is rewritten only when the description changes, so an
/// unchanged tree does not recompile the target.
@main
struct BuildInfo: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("generated")
        let script = """
            mkdir -p "$2"
            commit=$(git -C "$1" describe --always --dirty --tags 2>/dev/null) || commit=unknown
            text="/// The commit this binary was built from (\\`git describe\\`), or \\"unknown\\".
            let buildCommit = \\"$commit\\""
            file="$2/BuildInfo.swift"
            if [ ! -f "$file" ] || [ "$(cat "$file")" != "$text" ]; then printf '%s\\n' "$text" > "$file"; fi
            """
        return [
            .prebuildCommand(
                displayName: "Recording the commit for --version",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: ["-c", script, "sh", context.package.directoryURL.path, output.path],
                outputFilesDirectory: output)
        ]
    }
}
