import TestSupport
import Foundation
@testable import Runtime
import Testing

/// The Chrome trace of the conv tile program, parsed back with `JSONSerialization`.
@Suite struct TraceWriterTests {
    /// The tests' config with a long DMA setup, during which fetch has the read channel, so the
    /// GEMM is dispatched long before the input LOAD it waits for ends.
    let config = {
        var config = AcceleratorFixtures.config
        config.costs.dmaSetupCycles = 64
        return config
    }()
    let tile = ConvTile(seed: 4)

    func trace() throws -> (data: Data, events: [[String: Any]], run: AcceleratorRun) {
        let run = try AcceleratorModel(program: tile.program, config: config).run(input: tile.input)
        let data = try TraceWriter.encode(program: tile.program, config: config, run: run)
        let file = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(file["displayTimeUnit"] as? String == "ns")
        return (data, try #require(file["traceEvents"] as? [[String: Any]]), run)
    }

    /// A JSON number as a Double (JSONSerialization hands numbers over as NSNumber); −1 when absent.
    func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? -1 }

    @Test func everyInstructionIsACompleteEventOnItsUnitsTrack() throws {
        let (_, events, run) = try trace()
        let instructions = events.filter { $0["cat"] as? String == "instruction" }
        #expect(instructions.count == tile.program.instructions.count)
        #expect(instructions.map { $0["name"] as? String } == ["LOAD", "LOAD", "GEMM", "POST", "STORE", "END"])
        #expect(instructions.map { $0["tid"] as? Int } == [1, 1, 2, 2, 3, 0])
        #expect(instructions.allSatisfy { $0["ph"] as? String == "X" && $0["pid"] as? Int == 1 })
        for (index, event) in instructions.enumerated() {
            let timing = run.timeline.events[index]
            let args = try #require(event["args"] as? [String: Any])
            #expect(args["instruction"] as? Int == index)
            #expect(args["layer"] as? String == "tile")
            #expect(args["stall_cycles"] as? Int == timing.stall)
            #expect(args["stall_queue"] as? String == timing.stallQueue?.name)
            // 100 MHz: a cycle is 0.01 µs.
            #expect(abs(number(event["ts"]) - Double(timing.start) / 100) < 1e-9)
            #expect(abs(number(event["dur"]) - Double(timing.end - timing.start) / 100) < 1e-9)
        }
        #expect((instructions[2]["args"] as? [String: Any])?["stall_queue"] as? String == "load→compute")
    }

    @Test func tracksAreNamedAndLayersAreSpans() throws {
        let (_, events, run) = try trace()
        let names = events.filter { $0["name"] as? String == "thread_name" && $0["ph"] as? String == "M" }
            .map { ($0["tid"] as? Int ?? -1, ($0["args"] as? [String: Any])?["name"] as? String ?? "") }
        #expect(names.map(\.0) == [0, 1, 2, 3, 4])
        #expect(names.map(\.1) == ["control", "load", "compute", "store", "layers"])
        let layers = events.filter { $0["cat"] as? String == "layer" }
        #expect(layers.count == tile.program.layers.count)
        #expect(layers.first?["tid"] as? Int == 4)
        #expect(abs(number(layers.first?["dur"]) - Double(run.layerCycles[0]) / 100) < 1e-9)
    }

    @Test func theSameRunGivesTheSameBytes() throws {
        let first = try trace().data
        let second = try trace().data
        #expect(first == second)
        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[{\"args\":{\"name\":"))
    }
}
