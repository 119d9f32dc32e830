// swift-tools-version:6.0
import PackageDescription

// libFuzzer over vggc's loaders (Sources/FuzzHarnesses), built by Scripts/fuzz.sh with
// `-sanitize=fuzzer`. A package of its own so that the main package never links libFuzzer.
let package = Package(
    name: "vggc-fuzz",
    dependencies: [.package(name: "vggc", path: "..")],
    targets: [
        .target(name: "CFuzzerDriver"),
        .executableTarget(name: "vggc-fuzz", dependencies: ["CFuzzerDriver", .product(name: "FuzzHarnesses", package: "vggc")]),
    ]
)
