import IR
import Runtime
import Testing
import Quantization
@testable import Report

@Suite struct LayerQuantizationTests {
    @Test func requantizationInWords() {
        let single = FixedPointMultiplier(multiplier: 1 << 30, shift: 33)
        #expect(LayerQuantization.describe(.multiplier([single])) == "multiplier 1073741824/2^33 (≈ 1.25e-01)")
        let several = [FixedPointMultiplier(multiplier: 1 << 30, shift: 31), FixedPointMultiplier(multiplier: 1 << 30, shift: 40)]
        #expect(LayerQuantization.describe(.multiplier(several)) == "2 multipliers ≈ 9.77e-04…5.00e-01, shifts 31…40")
        #expect(LayerQuantization.describe(.shift(10)) == "rounding right shift by 10")
        #expect(LayerQuantization.describe(.shift(-2)) == "saturating left shift by 2")
        #expect(LayerQuantization.describe(.cuScale(32768)) == "CU scale 32768/2^16 (≈ 5.00e-01)")
    }

    @Test func inputsTakeTheirProducersParameters() {
        let model = ReportFixtures.model()
        var graph = model.graph
        let poolParams = QuantParams(scale: 0.5, zeroPoint: 7)
        graph.layers.append(QuantizedLayer(name: "pool", op: .globalMaxPool, inputs: ["y"], output: "p", dims: [1, 4, 1, 1],
                                           params: poolParams))
        let layers = LayerQuantization.layers(of: graph)
        #expect(layers.map(\.name) == ["conv", "pool"])
        #expect(layers[1].inputs == [graph.layers[0].params])
        #expect(layers[1].output == poolParams)
        #expect(layers[1].weights == nil && layers[1].op == "GlobalMaxPool")
        let weights = layers[0].weights
        #expect(weights?.channels == 4 && weights?.scaleCount == 4)
        #expect(weights?.minimumScale == 0.01 && weights?.maximumScale == 0.04)
        #expect(weights?.requantization.hasPrefix("4 multipliers") == true)
    }
}
