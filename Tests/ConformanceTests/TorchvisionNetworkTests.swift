import Accelerator
import Backend
import IR
import Quantization
import Testing
import TestSupport

/// Issue #11's networks from `Scripts/export_zoo.py` (torchvision architectures, TorchScript
/// exporter, deterministic weights): import, the pass pipeline, data-free quantization and the
/// backend for one preset each (together they cover every preset), then one seeded input on the
/// accelerator model, whose outputs must equal the integer reference's bit for bit. The other
/// presets and the dynamo exports are compiled by the benchmark.
/// RegNetX runs grouped convolutions, ShuffleNetV2 channel slices and shuffles by address (its
/// TorchScript `chunk` slices resolved at import), MobileNetV3 and EfficientNet squeeze-and-excitation
/// products on depthwise `GEMM`s.
@Suite("torchvision networks on the accelerator", .serialized)
struct TorchvisionNetworkTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var network: String
        var preset: String
        var testDescription: String { "\(network) on \(preset)" }
    }

    static let cases = [
        Case(network: "resnet18", preset: "vta"), Case(network: "resnet50", preset: "zc706"),
        Case(network: "mobilenet_v2", preset: "zcu102"), Case(network: "squeezenet1_1", preset: "seed000"),
        Case(network: "googlenet", preset: "de1soc"), Case(network: "densenet121", preset: "zc706"),
        Case(network: "mnasnet0_5", preset: "vta"),
        Case(network: "regnet_x_400mf", preset: "vta"), Case(network: "shufflenet_v2_x1_0", preset: "zc706"),
        Case(network: "mobilenet_v3_small", preset: "zcu102"), Case(network: "efficientnet_b0", preset: "seed000"),
    ]

    @Test("compiles and runs bit-exact against the integer reference", arguments: cases)
    func compilesAndRunsBitExact(_ testCase: Case) throws {
        try GeneratedModels.ensureZooWeights(testCase.network)
        let network = try CompiledNetwork(name: testCase.network, path: GeneratedModels.zooFile(testCase.network, "onnx"))
        let config = HardwareConfig.shipped(testCase.preset)
        let graph = try network.quantized(config.arithmetic)
        let input = try CompiledNetwork.storedInput(for: graph, seed: 5)
        let reference = try AcceleratorConformanceTests.referenceLayers(graph, input: input, everyLayer: false)
        let scheduled = try AcceleratorConformanceTests.schedule(graph, on: config)
        try AcceleratorConformanceTests.expectBitExact(scheduled, input: input, reference: reference, label: testCase.testDescription)
    }
}
