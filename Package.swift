// swift-tools-version:6.0
import PackageDescription

// Foundation only, on purpose: a security tool with no supply chain.
let package = Package(
    name: "harden",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "harden", targets: ["harden"]),
        .library(name: "HardenKit", targets: ["HardenKit"]),
    ],
    targets: [
        .target(name: "HardenKit"),
        .executableTarget(name: "harden", dependencies: ["HardenKit"]),
        .testTarget(name: "HardenKitTests", dependencies: ["HardenKit"], exclude: ["Golden", "Fixtures"]),
    ]
)
