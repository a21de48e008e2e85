// swift-tools-version:6.0
import PackageDescription

// Foundation only, on purpose: a security tool with no supply chain.
let package = Package(
    name: "harden",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "harden", targets: ["harden"]),
        .library(name: "HardenKit", targets: ["HardenModel", "HardenFormats", "HardenCommands"]),
    ],
    targets: [
        // The plan, profiles, policy and the rules that judge a plan: no engine's syntax, no I/O
        // of their own (host facts come in as parameters). See docs/architecture.md.
        .target(name: "HardenModel"),
        // Readers and emitters: docker lines, OCI configs, compose, Kubernetes, YAML, reports, and
        // the profile repository they read profiles from.
        .target(name: "HardenFormats", dependencies: ["HardenModel"]),
        // One file per command, the console, doctor and the engine launcher.
        .target(name: "HardenCommands", dependencies: ["HardenModel", "HardenFormats"]),
        .executableTarget(name: "harden", dependencies: ["HardenCommands"]),
        .testTarget(name: "HardenKitTests", dependencies: ["HardenModel", "HardenFormats", "HardenCommands"], exclude: ["Golden", "Fixtures"]),
    ]
)
