import Accelerator
import Backend
import Quantization
import Runtime
import Testing
import TestSupport

/// The reuse-limited bound (`ReuseBound`) is a lower bound on what vggc's schedules move: on the
/// shipped networks, on every preset and on a config whose buffers are too small for the working
/// set of any convolution, no layer's DRAM traffic is below it.
@Suite struct ReuseBoundTrafficTests {
    /// The vta preset with 8 KiB buffers: 32 KiB on chip.
    static let tiny: HardwareConfig = {
        var config = HardwareConfig.shipped("vta")
        config.name = "vta-8k"
        config.buffers = SRAMBuffer.Role.allCases.map { SRAMBuffer(role: $0, bytes: 8 * 1024) }
        return config
    }()

    @Test(arguments: ["lenet", "vgg16_mnist"])
    func noLayerMovesLessThanItsBound(_ name: String) throws {
        let path = try #require(CompiledNetwork.corpus.first { $0.name == name }).path
        let network = try CompiledNetwork(name: name, path: path)
        var bounded = 0
        for config in HardwareConfig.presets + [Self.tiny] {
            let graph = try network.quantized(config.arithmetic)
            let program = try BackendPipeline.standard.run(try ScheduledProgram(graph: graph, config: config), verify: false).program
            let bounds = ReuseBound.bytes(of: program, graph: graph, config: config)
            for (layer, bound) in zip(program.layers, bounds) {
                #expect(bound <= layer.dramBytes, "\(name) on \(config.name): \(layer.name) moves \(layer.dramBytes) B, bound \(bound) B")
                if bound > 0 { bounded += 1 }
            }
        }
        if name == "vgg16_mnist" { #expect(bounded > 0) }
    }
}
