import Accelerator
import Foundation
import Quantization
import Testing
import TestSupport

/// The model-zoo graphs with LRN in the onnx wheel's `backend/test/data/light` (AlexNet after its
/// first two convolutions, Inception-v1 after its stem): data-free quantization runs each LRN as
/// its four stages (docs/NUMERICS.md, "LRN"), the backend lowers them on the existing instructions,
/// and one seeded input on the accelerator model equals the integer reference bit for bit. On zc706
/// Inception-v1's products take tiles of more channels than one `LOAD` row of parameter records holds.
@Suite("LRN on the accelerator", .serialized)
struct LRNLoweringTests {
    static let cases = [TorchvisionNetworkTests.Case(network: "light_bvlc_alexnet", preset: "vta"),
                        TorchvisionNetworkTests.Case(network: "light_inception_v1", preset: "vta"),
                        TorchvisionNetworkTests.Case(network: "light_inception_v1", preset: "zc706")]

    @Test("light model-zoo graphs run bit-exact against the integer reference", arguments: cases)
    func lightGraphRunsBitExact(_ testCase: TorchvisionNetworkTests.Case) throws {
        let model = testCase.network
        let path = try ONNXBackendTestData.directory.get().appendingPathComponent("light/\(model).onnx")
        let network = try CompiledNetwork(name: model, path: path)
        let config = HardwareConfig.shipped(testCase.preset)
        let graph = try network.quantized(config.arithmetic)
        #expect(graph.layers.contains { $0.name.hasSuffix(":window") }, "\(model) should quantize an LRN")
        let input = try CompiledNetwork.storedInput(for: graph, seed: 5)
        let reference = try AcceleratorConformanceTests.referenceLayers(graph, input: input, everyLayer: false)
        let scheduled = try AcceleratorConformanceTests.schedule(graph, on: config)
        try AcceleratorConformanceTests.expectBitExact(scheduled, input: input, reference: reference, label: testCase.testDescription)
    }
}
