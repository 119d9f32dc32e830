import Accelerator
import Testing

@Suite struct PEArrayPassesTests {
    static let arrays = [PEArray(po: 16, pi: 24, pk: 1, pp: 2), PEArray(po: 8, pi: 3, pk: 3, pp: 4), PEArray(po: 1, pi: 1, pk: 1, pp: 1)]

    /// Counts the passes by walking the array's groups one at a time: every group of `Po` output
    /// channels, `Pi` input channels, `Pk` taps and `Pp` pixels is one pass, however full; with one
    /// tap, the `Pk` multipliers of a channel take further channels instead, `Pi·Pk` a group.
    static func walkedDensePasses(_ a: PEArray, outputChannels: Int, inputChannels: Int, taps: Int, pixels: Int) -> Int {
        var passes = 0
        for _ in stride(from: 0, to: outputChannels, by: a.po) {
            for _ in stride(from: 0, to: inputChannels, by: taps == 1 ? a.pi * a.pk : a.pi) {
                for _ in stride(from: 0, to: taps, by: a.pk) {
                    for _ in stride(from: 0, to: pixels, by: a.pp) { passes += 1 }
                }
            }
        }
        return passes
    }

    /// A depthwise walk: each group of `Po` channels covers `Pi·Pk·Pp` pixels a pass, one tap after
    /// another.
    static func walkedDepthwisePasses(_ a: PEArray, outputChannels: Int, taps: Int, pixels: Int) -> Int {
        var passes = 0
        for _ in stride(from: 0, to: outputChannels, by: a.po) {
            for _ in stride(from: 0, to: pixels, by: a.pi * a.pk * a.pp) {
                for _ in 0..<taps { passes += 1 }
            }
        }
        return passes
    }

    @Test(arguments: arrays) func denseMatchesAWalkOfTheGroups(array: PEArray) {
        for (co, ci, taps, pixels) in [(64, 3, 9, 224), (1, 1, 1, 1), (17, 25, 7, 13), (512, 512, 1, 49)] {
            #expect(array.densePasses(outputChannels: co, inputChannels: ci, taps: taps, pixels: pixels)
                    == Self.walkedDensePasses(array, outputChannels: co, inputChannels: ci, taps: taps, pixels: pixels))
        }
    }

    /// zc706's 768 multipliers split 32 × 8 × 3 × 1: a 3×3 layer of 64 input channels takes
    /// `8 · 3` passes a group of outputs and pixels, a 1×1 one `ceil(64 / 24) = 3` (not 8), and a
    /// fully-connected layer of 25,088 inputs `ceil(25088 / 24) = 1046`.
    @Test func oneTapSpreadsTheInputChannelsOverTheKernelLanes() {
        let array = PEArray(po: 32, pi: 8, pk: 3, pp: 1)
        #expect(array.denseInputLanes(taps: 9) == 8 && array.denseInputLanes(taps: 1) == 24)
        #expect(array.densePasses(outputChannels: 32, inputChannels: 64, taps: 9, pixels: 1) == 24)
        #expect(array.densePasses(outputChannels: 32, inputChannels: 64, taps: 1, pixels: 1) == 3)
        #expect(array.densePasses(outputChannels: 4096, inputChannels: 25088, taps: 1, pixels: 1) == 128 * 1046)
    }

    @Test(arguments: arrays) func depthwiseMatchesAWalkOfTheTaps(array: PEArray) {
        for (channels, taps, pixels) in [(32, 9, 112 * 112), (1, 1, 1), (17, 25, 13), (96, 9, 49)] {
            #expect(array.depthwisePasses(outputChannels: channels, taps: taps, pixels: pixels)
                    == Self.walkedDepthwisePasses(array, outputChannels: channels, taps: taps, pixels: pixels))
        }
    }
}
