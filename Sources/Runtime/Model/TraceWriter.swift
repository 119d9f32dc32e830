import Foundation
import Accelerator

/// Writes a program's timeline as a Chrome trace-event file (`{"traceEvents": [...],
/// "displayTimeUnit": "ns"}`), which Perfetto and chrome://tracing open.
///
/// Process 1 is the accelerator. Each unit has its own thread (track): load (tid 1), compute (tid 2)
/// and store (tid 3), with every instruction of that unit as a complete event (`"ph": "X"`) named by
/// its mnemonic; `END`, which no unit runs, is on the control track (tid 0). The layers are spans
/// on tid 4: each covers the cycles the layer added to the run (`AcceleratorRun.layerCycles`), so
/// they follow one another without overlapping; its first instruction's start is in its args. Times are microseconds at the config's clock. Events
/// come in a fixed order (metadata, instructions in stream order, layers in table order) with sorted
/// keys, so the same program always gives the same bytes.
public enum TraceWriter {
    /// The thread id of the layer spans.
    public static let layerTrack = 4
    /// The thread id of instructions no unit runs (`END`).
    public static let controlTrack = 0

    /// The thread id of `unit`'s track.
    public static func track(of unit: ExecutionUnit) -> Int { unit.rawValue + 1 }

    /// The trace of `run`, a run of `program` on `config`, as JSON bytes.
    public static func encode(program: AcceleratorProgram, config: HardwareConfig, run: AcceleratorRun) throws -> Data {
        let timeline = run.timeline
        let microseconds = { (cycles: Int) in Double(cycles) / config.clockMHz }
        var events = metadataEvents(config: config)
        for (index, instruction) in program.instructions.enumerated() {
            let event = timeline.events[index]
            let layer = program.layers.indices.contains(instruction.layer) ? program.layers[instruction.layer].name : "#\(instruction.layer)"
            events.append(TraceEvent(name: instruction.mnemonic, category: "instruction", phase: "X",
                                     track: instruction.unit.map(track) ?? controlTrack,
                                     timestamp: microseconds(event.start), duration: microseconds(event.end - event.start),
                                     args: TraceEvent.Arguments(layer: layer, instruction: index, startCycle: event.start,
                                                                cycles: event.end - event.start, stallCycles: event.stall,
                                                                stallQueue: event.stallQueue?.name)))
        }
        var start = 0
        for (index, (layer, cycles)) in zip(program.layers, run.layerCycles).enumerated() {
            let first = layer.instructions.clamped(to: timeline.events.indices).map { timeline.events[$0].start }.min()
            events.append(TraceEvent(name: layer.name, category: "layer", phase: "X", track: layerTrack,
                                     timestamp: microseconds(start), duration: microseconds(cycles),
                                     args: TraceEvent.Arguments(layer: layer.name, op: layer.op, layerIndex: index,
                                                                startCycle: start, cycles: cycles, firstInstructionStart: first)))
            start += cycles
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(TraceFile(traceEvents: events, displayTimeUnit: "ns"))
    }

    /// Writes the trace of `run` to `url`.
    public static func write(program: AcceleratorProgram, config: HardwareConfig, run: AcceleratorRun, to url: URL) throws {
        let data = try encode(program: program, config: config, run: run)
        do { try data.write(to: url) } catch {
            throw RuntimeError.io(path: url.path, reason: "cannot write the trace (\(error.localizedDescription))")
        }
    }

    /// The process name and one thread name per track, with the tracks sorted in that order.
    private static func metadataEvents(config: HardwareConfig) -> [TraceEvent] {
        let tracks = [(controlTrack, "control")] + ExecutionUnit.allCases.map { (track(of: $0), $0.name) } + [(layerTrack, "layers")]
        var events = [TraceEvent(name: "process_name", phase: "M", track: controlTrack,
                                 args: TraceEvent.Arguments(name: "accelerator (\(config.name), \(config.clockMHz) MHz)"))]
        for (track, name) in tracks {
            events.append(TraceEvent(name: "thread_name", phase: "M", track: track, args: TraceEvent.Arguments(name: name)))
            events.append(TraceEvent(name: "thread_sort_index", phase: "M", track: track, args: TraceEvent.Arguments(sortIndex: track)))
        }
        return events
    }
}

/// The top level of a trace-event file.
private struct TraceFile: Encodable {
    var traceEvents: [TraceEvent]
    var displayTimeUnit: String
}

/// One trace event; absent fields are left out of the JSON.
private struct TraceEvent: Encodable {
    struct Arguments: Encodable {
        var name: String?
        var sortIndex: Int?
        var layer: String?
        var op: String?
        var layerIndex: Int?
        var instruction: Int?
        var startCycle: Int?
        var cycles: Int?
        var stallCycles: Int?
        var stallQueue: String?
        var firstInstructionStart: Int?

        enum CodingKeys: String, CodingKey {
            case name, layer, op, instruction, cycles
            case sortIndex = "sort_index"
            case layerIndex = "layer_index"
            case startCycle = "start_cycle"
            case stallCycles = "stall_cycles"
            case stallQueue = "stall_queue"
            case firstInstructionStart = "first_instruction_start_cycle"
        }
    }

    var name: String
    var category: String?
    var phase: String
    var process = 1
    var track: Int
    var timestamp: Double?
    var duration: Double?
    var args: Arguments

    init(name: String, category: String? = nil, phase: String, track: Int, timestamp: Double? = nil,
         duration: Double? = nil, args: Arguments) {
        self.name = name
        self.category = category
        self.phase = phase
        self.track = track
        self.timestamp = timestamp
        self.duration = duration
        self.args = args
    }

    enum CodingKeys: String, CodingKey {
        case name, args
        case category = "cat"
        case phase = "ph"
        case process = "pid"
        case track = "tid"
        case timestamp = "ts"
        case duration = "dur"
    }
}
