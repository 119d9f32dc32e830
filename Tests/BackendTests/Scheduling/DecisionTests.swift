@testable import Backend
import Testing

@Suite struct DecisionTests {
    @Test func readingBeforeTheStageNamesTheLayerAndTheStage() {
        let decision = Decision<Int>("the tiling", of: "conv1", by: .tile)
        #expect(!decision.isDecided && decision.ifDecided == nil)
        #expect(throws: BackendError.undecided(subject: "the tiling", layer: "conv1", stage: "tile")) { try decision.value }
        #expect(BackendError.undecided(subject: "the tiling", layer: "conv1", stage: "tile").errorDescription
                == "layer 'conv1': the tiling is read before stage 'tile' decided it")
    }

    @Test func decidedValueIsRead() throws {
        var decision = Decision<Int>("the total modeled cycles", of: nil, by: .check)
        decision.decide(42)
        #expect(try decision.value == 42 && decision.isDecided)
    }

    @Test func decidingTwiceStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var decision = Decision<Int>("the total modeled cycles", of: nil, by: .check)
            decision.decide(1)
            decision.decide(2)
        }
    }
}
