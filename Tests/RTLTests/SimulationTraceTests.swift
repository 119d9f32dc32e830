import Cosimulation
import Testing

/// The simulator's trace text.
struct SimulationTraceTests {
    @Test func parsesSpansAndTotals() throws {
        let trace = try SimulationTrace(text: "0 70 370\n3 609 7815\nend 60\ncycles 21042\nseconds 0.5\n", path: "t")
        #expect(trace.spans == [0: 70..<370, 3: 609..<7815])
        #expect(trace.endIndex == 60 && trace.cycles == 21042 && trace.seconds == 0.5)
    }

    @Test func refusesAMalformedTrace() {
        #expect(throws: CosimulationError.malformedTrace(path: "t", reason: "line '1 9 3'")) {
            try SimulationTrace(text: "1 9 3\nend 0\ncycles 1\nseconds 0\n", path: "t")
        }
        #expect(throws: CosimulationError.malformedTrace(path: "t", reason: "no end, cycles or seconds line")) {
            try SimulationTrace(text: "1 2 3\n", path: "t")
        }
    }
}
