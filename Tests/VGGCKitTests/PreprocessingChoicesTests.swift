import IR
import Testing
import VGGCKit

@Suite struct PreprocessingChoicesTests {
    static let gray = ValueInfo(name: "x", type: TensorType(.float32, [1, 1, 28, 28]))
    static let twoChannels = ValueInfo(name: "x", type: TensorType(.float32, [1, 2, 4, 4]))

    @Test func unsetChoicesTakeTheInputsDefaults() throws {
        let preprocessing = try PreprocessingChoices().preprocessing(for: Self.gray, feedsImages: true)
        #expect(preprocessing == Preprocessing(color: .gray, height: 28, width: 28))
    }

    @Test func choicesOverrideTheDefaults() throws {
        let choices = PreprocessingChoices(resize: .zeroPad, scale: 255, mean: [0.5], std: [2])
        let preprocessing = try choices.preprocessing(for: ValueInfo(name: "x", type: TensorType(.float32, [1, 1, 32, 32])),
                                                      feedsImages: true)
        #expect(preprocessing == Preprocessing(resize: .zeroPad, color: .gray, scale: 255, mean: [0.5], std: [2], height: 32, width: 32))
    }

    /// A chosen colour must match the input even when no image is fed at compile time; the default
    /// colour only when images are fed.
    @Test func colourMustGiveTheInputsChannels() throws {
        #expect(throws: VGGCKitError.colorChannels(color: .rgb, channels: 3, input: "x", inputChannels: 1)) {
            try PreprocessingChoices(color: .rgb).preprocessing(for: Self.gray, feedsImages: false)
        }
        #expect(throws: VGGCKitError.colorChannels(color: .rgb, channels: 3, input: "x", inputChannels: 2)) {
            try PreprocessingChoices().preprocessing(for: Self.twoChannels, feedsImages: true)
        }
        #expect(try PreprocessingChoices().preprocessing(for: Self.twoChannels, feedsImages: false).color == .rgb)
    }

    /// `--resize-shorter 256 --center-crop 224` is the antialiased centre crop with its shorter
    /// side; the crop must be the input's size.
    @Test func shorterSideAndCropGoTogether() throws {
        let rgb = ValueInfo(name: "x", type: TensorType(.float32, [1, 3, 224, 224]))
        let preprocessing = try PreprocessingChoices(resizeShorter: 256, centerCrop: 224).preprocessing(for: rgb, feedsImages: true)
        #expect(preprocessing == Preprocessing(resize: .antialiasedCenterCrop, color: .rgb, height: 224, width: 224, shorterSide: 256))
        #expect(throws: VGGCKitError.centerCropSize(crop: 200, shorterSide: 256, inputHeight: 224, inputWidth: 224)) {
            try PreprocessingChoices(resizeShorter: 256, centerCrop: 200).preprocessing(for: rgb, feedsImages: true)
        }
        for choices in [PreprocessingChoices(resizeShorter: 256), PreprocessingChoices(centerCrop: 224),
                        PreprocessingChoices(resize: .bilinear, resizeShorter: 256, centerCrop: 224),
                        PreprocessingChoices(resize: .antialiasedCenterCrop), PreprocessingChoices(resizeShorter: 200, centerCrop: 224)] {
            #expect(throws: VGGCKitError.self) { try choices.validate() }
        }
        #expect(try PreprocessingChoices().preprocessing(for: rgb, feedsImages: true).shorterSide == nil)
    }

    @Test func normalisationNeedsOneValueOrOnePerChannel() throws {
        #expect(throws: VGGCKitError.normalizationCount(field: "mean", count: 3, channels: 1)) {
            try PreprocessingChoices(mean: [0.1, 0.2, 0.3]).preprocessing(for: Self.gray, feedsImages: true)
        }
        #expect(throws: VGGCKitError.normalizationCount(field: "std", count: 2, channels: 1)) {
            try PreprocessingChoices(std: [1, 2]).preprocessing(for: Self.gray, feedsImages: true)
        }
    }

    @Test func scaleAndStdAreCheckedWithoutAModel() {
        #expect(throws: VGGCKitError.sampleScale(3)) { try PreprocessingChoices(scale: 3).validate() }
        #expect(throws: VGGCKitError.standardDeviation([1, 0])) { try PreprocessingChoices(std: [1, 0]).validate() }
        #expect(throws: Never.self) { try PreprocessingChoices(scale: 255, std: [0.5]).validate() }
    }
}
