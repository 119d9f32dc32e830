import Foundation
import IR
import Quantization
import Testing
import VGGCKit

/// A session on the LeNet compiled for `de1soc`, against the integer reference run by hand.
@Suite struct SessionTests {
    static let images = ["0002_0.png", "0501_1.png", "4503_9.png"].map { KitFixtures.testImages.appendingPathComponent($0) }

    @Test func outputsEqualTheIntegerReference() throws {
        let model = try KitFixtures.compiledLeNet.get()
        let session = try Session(model: model)
        let interpreter = IntegerInterpreter(graph: model.graph)
        for image in Self.images {
            let input = try model.metadata.preprocessing.loadTensor(imageAt: image)
            let inference = try session.run(imageAt: image)
            let output = model.graph.outputs[0]
            #expect(inference.outputs.map(\.name) == [output.name])
            #expect(inference.outputs[0].stored == (try interpreter.runStored(input))[output.name]?.int64s.map { Int32($0) })
            #expect(inference.outputs[0].values == (try interpreter.run(input))[output.name]?.floats)
            #expect(try session.firstDifference(inference, input: input, reference: session.integerReference) == nil)
            #expect(inference.cycles == inference.run.totalCycles && inference.cycles > 0)
        }
    }

    /// Ranking with the stored labels: the best class first, label and score beside it.
    @Test func ranksWithTheModelsLabels() throws {
        let session = try Session(model: try KitFixtures.compiledLeNet.get())
        let inference = try session.run(imageAt: Self.images[1])
        let ranked = session.rank(inference, top: 3)
        #expect(ranked.count == 1)
        #expect(ranked[0].scoreKind == .dequantized, "the DE1-SoC LeNet ends in Sigmoid")
        let values = inference.outputs[0].values
        var best = 0
        for index in values.indices where values[index] > values[best] { best = index }
        #expect(ranked[0].top.map(\.rank) == [1, 2, 3])
        #expect(ranked[0].top[0].classIndex == best)
        #expect(ranked[0].top[0].label == session.model.metadata.labels[best])
        #expect(ranked[0].top.map(\.score) == ranked[0].top.map { values[$0.classIndex] })
    }

    @Test func labelsFallBackToTheIndex() throws {
        var model = try KitFixtures.compiledLeNet.get()
        model.metadata.labels = ["zero", "one"]
        let session = try Session(model: model)
        #expect(session.label(1) == "one")
        #expect(session.label(7) == "7")
    }

    @Test func aBrokenReferenceShowsTheDifferingOutput() throws {
        var model = try KitFixtures.compiledLeNet.get()
        let session = try Session(model: model)
        let first = try #require(model.graph.layers.firstIndex { if case .conv = $0.op { return true } else { return false } })
        guard case .conv(var conv) = model.graph.layers[first].op else { return }
        conv.bias = conv.bias.map { $0 &+ 1_000_000 }
        model.graph.layers[first].op = .conv(conv)
        let input = try session.preprocess(imageAt: Self.images[0])
        let inference = try session.run(stored: try session.quantize(input))
        #expect(try session.firstDifference(inference, input: input, reference: IntegerInterpreter(graph: model.graph))
                == model.graph.outputs[0].name)
    }

    @Test func loadsTheWrittenBin() throws {
        let model = try KitFixtures.compiledLeNet.get()
        let file = try KitFixtures.directory("session").appendingPathComponent("lenet.bin")
        try model.write(to: file)
        let loaded = try Session(modelAt: file)
        #expect(try loaded.run(imageAt: Self.images[2]) == (try Session(model: model).run(imageAt: Self.images[2])))
    }
}
