// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Anvil",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "anvil", targets: ["anvil"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
    ],
    targets: [
        // C shim over ncursesw: the only place that includes curses.
        .target(name: "CCurses", linkerSettings: [.linkedLibrary("ncursesw")]),
        // cmark-gfm and its GitHub extensions, from the system.
        .systemLibrary(name: "CMark"),
        // TLS (OpenSSL, loaded on the first secure connection) and gzip (zlib) for the HTTP transport.
        .target(name: "CWire", linkerSettings: [.linkedLibrary("dl"), .linkedLibrary("z")]),
        .target(name: "ForgeModel"),
        .target(name: "CSystem"),
        .target(name: "HTTP", dependencies: ["CWire", "ForgeModel", "Text"]),
        .target(name: "Allura", dependencies: ["ForgeModel", "HTTP"]),
        .target(name: "GitLab", dependencies: ["ForgeModel", "HTTP"]),
        .target(name: "Tuleap", dependencies: ["ForgeModel", "HTTP"]),
        // The kinds of forge and the choice of one for an address; only the executable uses it.
        .target(name: "Backends", dependencies: ["ForgeModel", "HTTP", "Allura", "GitLab", "Tuleap"]),
        .target(name: "Text", dependencies: ["CMark", "ForgeModel"]),
        .target(name: "TerminalUI", dependencies: ["Text", "CSystem"]),
        .target(name: "CursesBackend", dependencies: ["CCurses", "TerminalUI"]),
        .target(name: "DemoForge", dependencies: ["HTTP"]),
        .target(name: "Store", dependencies: ["HTTP", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "AnvilApp",
            dependencies: [
                "ForgeModel", "Text", "TerminalUI", "Store", "CSystem",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]),
        .executableTarget(
            name: "anvil",
            dependencies: [
                "AnvilApp", "Backends", "HTTP", "ForgeModel", "CursesBackend", "TerminalUI", "Text",
                "DemoForge", "CSystem",
                "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            plugins: ["BuildInfo"]),
        // Writes the commit the binary is built from, for `anvil --version`.
        .plugin(name: "BuildInfo", capability: .buildTool()),
        // Thread benchmarks (`make bench`).
        .executableTarget(
            name: "anvil-bench", dependencies: ["AnvilApp", "Allura", "DemoForge", "ForgeModel", "HTTP", "TerminalUI"],
            path: "Sources/AnvilBench"),
        // Fuzz targets and a seeded fuzzer: bounded runs in the tests, longer ones in `make fuzz`.
        .target(name: "FuzzTargets", dependencies: ["Allura", "Tuleap", "ForgeModel", "HTTP", "Text"]),
        .executableTarget(
            name: "anvil-fuzz", dependencies: ["FuzzTargets"], path: "Sources/AnvilFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),
        .target(name: "TestSupport", dependencies: ["ForgeModel", "HTTP", "TerminalUI"]),
        .testTarget(name: "ForgeModelTests", dependencies: ["ForgeModel", "TestSupport"]),
        .testTarget(name: "HTTPTests", dependencies: ["HTTP", "DemoForge", "TestSupport"]),
        .testTarget(name: "AlluraTests", dependencies: ["Allura", "DemoForge", "TestSupport"]),
        .testTarget(name: "GitLabTests", dependencies: ["GitLab", "HTTP", "DemoForge", "TestSupport"]),
        .testTarget(name: "TuleapTests", dependencies: ["Tuleap", "HTTP", "DemoForge", "TestSupport"]),
        .testTarget(name: "BackendsTests", dependencies: ["Backends", "HTTP", "DemoForge", "TestSupport"]),
        .testTarget(name: "TextTests", dependencies: ["Text", "TestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "TestSupport", "CSystem"]),
        .testTarget(name: "CursesBackendTests", dependencies: ["CursesBackend", "CCurses", "TerminalUI"]),
        .testTarget(name: "DemoForgeTests", dependencies: ["DemoForge", "HTTP", "TestSupport"]),
        .testTarget(
            name: "AnvilAppTests",
            dependencies: ["AnvilApp", "CSystem", "Allura", "GitLab", "Tuleap", "HTTP", "DemoForge", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "DemoForge"]),
        .testTarget(name: "StoreTests", dependencies: ["Store", "TestSupport"]),
        .testTarget(
            name: "CommandLineTests",
            dependencies: ["anvil", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets", "TestSupport"]),
    ]
)
