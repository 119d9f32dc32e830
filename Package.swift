// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "vggc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vggc", targets: ["vggc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // OpenBLAS from Debian's libopenblas-dev: the float reference's SGEMM.
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // zlib from Debian's zlib1g-dev: CRC-32 for the .bin container's section checksums.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "IR", dependencies: ["COpenBLAS"]),
        .target(
            name: "Frontend",
            dependencies: ["IR", .product(name: "SwiftProtobuf", package: "swift-protobuf")]
        ),
        .target(name: "Backend", dependencies: ["IR", "CZlib"]),
        // libpng and libjpeg-turbo (Debian's libpng-dev, libjpeg62-turbo-dev): image input. CImageCodecs
        // wraps their setjmp/longjmp error handling, which Swift cannot call, into status codes.
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"]),
        // The accelerator model's int8 GEMM (scalar, AVX2, AVX-512 VNNI), picked at run time.
        .target(name: "CRuntimeKernels"),
        .target(name: "Runtime", dependencies: ["IR", "Backend", "CImageCodecs", "CRuntimeKernels"]),
        .executableTarget(
            name: "vggc",
            dependencies: [
                "IR", "Frontend", "Backend", "Runtime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "IRTests", dependencies: ["IR"], exclude: ["Golden"]),
        .testTarget(name: "FrontendTests", dependencies: ["Frontend", "IR", "TestSupport"]),
        // Shared by the test targets: regenerating the fixtures that Python scripts make.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "ConformanceTests", dependencies: ["Frontend", "IR", "Backend", "Runtime", "TestSupport"]),
        .testTarget(name: "BackendTests", dependencies: ["Backend", "IR", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Backend", "IR", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "vggcTests", dependencies: ["vggc", "Frontend", "IR", "Backend", "Runtime", "TestSupport"]),
    ]
)
