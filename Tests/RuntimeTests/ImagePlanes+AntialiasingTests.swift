import Testing
@testable import Runtime

@Suite struct ImagePlanesAntialiasingTests {
    /// 4 → 2 pixels: the triangle is stretched to half-width 2, so output 0 (centre 1.0) weighs
    /// sources 0, 1, 2 by 0.75, 0.75, 0.25 (normalised 3/7, 3/7, 1/7) and output 1 (centre 3.0)
    /// sources 1, 2, 3 by 1/7, 3/7, 3/7.
    @Test func downsamplingByTwoByHand() {
        let taps = ImagePlanes.antialiasedTaps(from: 4, to: 2)
        #expect(taps.map(\.first) == [0, 1])
        // 3/7 × 2^22 = 1797558.86 → 1797559; 1/7 × 2^22 = 599186.29 → 599186.
        #expect(taps.map(\.weights) == [[1797559, 1797559, 599186], [599186, 1797559, 1797559]])
        let row = ImagePlanes(channels: 1, height: 1, width: 4, values: [0, 1, 1, 0])
        // 255 × 4/7 = 145.7 → 146 in both.
        #expect(row.resizedAntialiased8Bit(height: 1, width: 2).values == [146 / 255, 146 / 255])
    }

    /// Upsampling uses the plain triangle: output 1 of 2 → 4 samples source 0 and 1 at 0.75 and 0.25.
    @Test func upsamplingIsPlainBilinear() {
        let column = ImagePlanes(channels: 1, height: 2, width: 1, values: [0, 1])
        // Output centres at 0.25, 0.75, 1.25, 1.75 (source pixel centres at 0.5, 1.5): 0, 0.25, 0.75
        // and 1 of the way from 0 to 255, i.e. 0, 63.75, 191.25, 255.
        #expect(column.resizedAntialiased8Bit(height: 4, width: 1).values.map { $0 * 255 } == [0, 64, 191, 255])
    }

    @Test func samplesAreRoundedTo8BitLevels() {
        let pixel = ImagePlanes(channels: 1, height: 1, width: 1, values: [0.5004])
        #expect(pixel.resizedAntialiased8Bit(height: 1, width: 1).values == [128 / 255])
    }
}
