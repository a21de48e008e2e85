// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets, one executable per input door. A package of its own so that the plain
// `swift build` and `swift test` of the root package never see -sanitize=fuzzer; scripts/fuzz.sh
// builds it in debug, where `@testable import` of the harden targets reaches the internal value parsers.
// libFuzzer is entered through LLVMFuzzerRunDriver from each target's top-level code (FuzzSupport).
let targets = ["FuzzDockerRun", "FuzzProfile", "FuzzPolicy", "FuzzOCIConfig", "FuzzCompose", "FuzzKubernetes", "FuzzUnits", "FuzzYAML", "FuzzLearn"]

let package = Package(
    name: "harden-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "harden", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver", .product(name: "HardenKit", package: "harden")]),
    ] + targets.map { name in
        .executableTarget(name: name, dependencies: ["FuzzSupport", .product(name: "HardenKit", package: "harden")])
    }
)
