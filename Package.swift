// swift-tools-version:6.0
import PackageDescription

// docs/ARCHITECTURE.md draws these modules and the route of a model through them.
let package = Package(
    name: "vggc",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "vggc", targets: ["vggc"]),
        .library(name: "VGGCKit", targets: ["VGGCKit"]),
        // What Fuzz/ (the libFuzzer package, Scripts/fuzz.sh) links.
        .library(name: "FuzzHarnesses", targets: ["FuzzHarnesses"]),
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
        // libpng and libjpeg-turbo (Debian's libpng-dev, libjpeg62-turbo-dev): image input. CImageCodecs
        // wraps their setjmp/longjmp error handling, which Swift cannot call, into status codes.
        .systemLibrary(name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", path: "Sources/CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .target(name: "CImageCodecs", dependencies: ["CPNG", "CJPEG"]),
        // The accelerator model's int8 GEMM (scalar, AVX2, AVX-512 VNNI), picked at run time.
        .target(name: "CRuntimeKernels"),

        // Graph IR: value types, text form, shape inference, verifier, graph passes (no BLAS).
        .target(name: "IR"),
        // ONNX protobuf / JSON / external data to graph IR.
        .target(name: "Frontend", dependencies: ["IR", .product(name: "SwiftProtobuf", package: "swift-protobuf")]),
        // The float reference: the whole-graph interpreter and the matrix-product kernels on OpenBLAS.
        .target(name: "Reference", dependencies: ["IR", "COpenBLAS"]),
        // Quantized graph, quantizers, numerics and the integer reference interpreter (no BLAS).
        .target(name: "Quantization", dependencies: ["IR"]),
        // Calibration: runs the float reference over inputs and turns statistics into ranges.
        .target(name: "Calibration", dependencies: ["IR", "Reference", "Quantization"]),
        // The machine's one definition: config and presets, ISA, program, .bin, timing.
        .target(name: "Accelerator", dependencies: ["IR", "Quantization", "CZlib"], resources: [.embedInCode("Presets")]),
        // Tiling, SRAM scheduling and lowering of a quantized graph to an accelerator program.
        .target(name: "Backend", dependencies: ["IR", "Quantization", "Accelerator"]),
        // The accelerator model that executes a .bin, and host-side image input.
        .target(name: "Runtime", dependencies: ["IR", "Quantization", "Accelerator", "CImageCodecs", "CRuntimeKernels"]),
        // The reference RTL: the generated SystemVerilog packages, the hand-written SystemVerilog
        // and Verilator testbench (Sources/RTL/SystemVerilog, compiled in), and `vggc rtl`'s bundle.
        .target(name: "RTL", dependencies: ["Accelerator"], resources: [.embedInCode("SystemVerilog")]),
        // FPGA parts and the resources (DSP, block RAM, LUT, FF) the reference RTL needs for a config.
        .target(name: "Resources", dependencies: ["Accelerator", "Quantization"]),
        // The self-contained HTML report.
        .target(name: "Report", dependencies: ["IR", "Quantization", "Accelerator", "Runtime", "Resources"]),
        // The library face: the compile driver (one ordered stage list), sessions that run a .bin,
        // evaluation. Never prints or exits.
        .target(
            name: "VGGCKit",
            dependencies: ["IR", "Frontend", "Reference", "Quantization", "Calibration", "Accelerator", "Backend", "Runtime", "Report"]
        ),
        // Design-space exploration: sweeps configs for a graph on an FPGA part, keeps the Pareto front.
        .target(name: "Exploration", dependencies: ["Accelerator", "Backend", "Quantization", "Resources", "Runtime", "VGGCKit"]),
        // Runs a .bin on the RTL under Verilator and compares it with the accelerator model.
        .target(name: "Cosimulation", dependencies: ["RTL", "Accelerator", "Runtime", "VGGCKit", "IR", "Quantization"]),
        .executableTarget(
            name: "vggc",
            dependencies: [
                "VGGCKit", "RTL", "Cosimulation", "Exploration", "Resources", "IR", "Frontend", "Quantization", "Calibration", "Accelerator", "Backend", "Runtime", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // README's "Use vggc as a library" example, built so that it cannot rot (VGGCKitTests runs it).
        .executableTarget(name: "vggc-example", dependencies: ["VGGCKit", "Accelerator"]),

        // The loaders of untrusted files as functions of bytes, for libFuzzer (Fuzz/) and the tests.
        .target(name: "FuzzHarnesses", dependencies: ["VGGCKit", "Accelerator", "Quantization", "Runtime"]),

        // Shared by the test targets: regenerating the fixtures that Python scripts make, small
        // accelerator programs assembled by hand.
        .target(name: "TestSupport", dependencies: ["IR", "Reference", "Accelerator", "Quantization"], path: "Tests/TestSupport"),
        .testTarget(name: "IRTests", dependencies: ["IR", "Reference", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "FrontendTests", dependencies: ["Frontend", "IR", "TestSupport"]),
        .testTarget(name: "ReferenceTests", dependencies: ["Reference", "IR", "TestSupport"]),
        .testTarget(name: "QuantizationTests", dependencies: ["Quantization", "Calibration", "Reference", "IR", "TestSupport"]),
        .testTarget(name: "CalibrationTests", dependencies: ["Calibration", "Quantization", "Reference", "IR", "TestSupport"]),
        .testTarget(name: "AcceleratorTests", dependencies: ["Accelerator", "Quantization", "IR", "TestSupport"]),
        .testTarget(name: "BackendTests", dependencies: ["Backend", "Accelerator", "Quantization", "Calibration", "IR", "TestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "RuntimeTests", dependencies: ["Runtime", "Accelerator", "Quantization", "IR", "TestSupport"],
                    exclude: ["Fixtures"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Runtime", "Accelerator", "Quantization", "IR", "TestSupport"]),
        .testTarget(name: "ConformanceTests", dependencies: [
            "Frontend", "IR", "Reference", "Quantization", "Calibration", "Accelerator", "Backend", "Runtime", "TestSupport",
        ]),
        .testTarget(name: "vggcTests", dependencies: [
            "vggc", "Frontend", "IR", "Reference", "Quantization", "Calibration", "Accelerator", "Backend", "Runtime", "Report",
            "TestSupport",
        ]),
        .testTarget(name: "RTLTests", dependencies: [
            "RTL", "Cosimulation", "Accelerator", "Runtime", "Quantization", "VGGCKit", "Frontend", "IR", "TestSupport",
        ]),
        .testTarget(name: "ResourcesTests", dependencies: ["Resources", "Accelerator"]),
        .testTarget(name: "ExplorationTests", dependencies: [
            "Exploration", "VGGCKit", "Accelerator", "Backend", "IR", "Quantization", "Resources", "Runtime",
        ]),
        .testTarget(name: "FuzzHarnessesTests", dependencies: ["FuzzHarnesses", "Accelerator", "TestSupport"]),
        .testTarget(name: "VGGCKitTests", dependencies: [
            "VGGCKit", "vggc-example", "Frontend", "IR", "Reference", "Quantization", "Calibration", "Accelerator", "Backend",
            "Runtime", "TestSupport",
        ]),
    ]
)
