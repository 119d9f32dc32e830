import IR
import Runtime
import Testing
import Quantization
@testable import Report
import TestSupport

@Suite struct ReportBuilderTests {
    @Test func gathersTheRunsFiguresForEveryLayer() throws {
        let model = ReportFixtures.model()
        let report = try ReportBuilder(model: model).build(input: .synthetic, accuracy: nil)
        let run = try AcceleratorModel(program: model.program, config: model.config)
            .run(input: try ReportBuilder(model: model).storedInput(.synthetic))
        #expect(report.statistics == LayerStatistics(program: model.program, config: model.config, run: run, graph: model.graph))
        #expect(report.cycleSplits.map(\.total) == run.layerCycles)
        #expect(report.latencyCycles == run.totalCycles)
        #expect(report.latencyMicroseconds == Double(run.totalCycles) / 100)
        #expect(report.energy == run.energy)
        #expect(report.tilings == ["one tile", ""])
        #expect(report.timeline.bars.count == 5)
        #expect(report.quantization.map(\.name) == ["conv"])
        #expect(report.quantization[0].inputs == [QuantParams(scale: 0.02, zeroPoint: 3)])
        #expect(report.quantization[0].weights?.histogram.total == 108)
        #expect(report.input.hasPrefix("synthetic input"))
        #expect(report.accuracy == nil && report.prediction == nil)
    }

    @Test func theSyntheticInputIsFixedAndFitsTheStorage() throws {
        let builder = ReportBuilder(model: ReportFixtures.model())
        let first = try builder.storedInput(.synthetic)
        #expect(first == (try builder.storedInput(.synthetic)))
        #expect(first.count == 60)
        // Uniform in [-1, 1) at scale 0.02 around zero point 3: within 3 ± 50, and not constant.
        #expect(first.allSatisfy { (-47...53).contains($0) })
        #expect(Set(first).count > 10)
    }

    @Test func anImageIsPreprocessedAndQuantizedAsTheHostDoes() throws {
        let model = ReportFixtures.model()
        let url = GeneratedFiles.repositoryRoot.appendingPathComponent("Tests/RuntimeTests/Fixtures/rgb8.png")
        let builder = ReportBuilder(model: model)
        let expected = try model.metadata.preprocessing.loadTensor(imageAt: url).floats
            .map { QuantParams(scale: 0.02, zeroPoint: 3).quantize($0, into: -128...127) }
        #expect(try builder.storedInput(.image(url)) == expected)
        let report = try builder.build(input: .image(url), accuracy: "99.0% (test)")
        #expect(report.input == "image rgb8.png")
        #expect(report.accuracy == "99.0% (test)")
        #expect(report.prediction?.hasPrefix("class ") == true)
    }
}
