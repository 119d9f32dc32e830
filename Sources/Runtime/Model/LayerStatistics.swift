import Accelerator
import Quantization


/// What each layer of a run cost on the accelerator model, beside the compiler's roofline bound:
/// the rows of `vggc run --stats`, and the same figures for the whole run.
///
/// PE utilisation is `MACs / (cycles × array.macsPerCycle)`: the fraction of the array's peak the
/// layer used over the cycles it added to the run. A layer whose work mostly overlaps the previous
/// layer's tail adds few cycles, so its figure can exceed 1; the whole run's cannot.
public struct LayerStatistics: Hashable, Sendable {
    /// Energy in microjoules, split as `EnergyReport` splits it.
    public struct Energy: Hashable, Sendable, Codable {
        public var mac: Double
        public var sram: Double
        public var dram: Double
        public var `static`: Double
        public var total: Double

        public init(_ report: EnergyReport) {
            mac = report.macPJ / 1e6
            sram = report.sramPJ / 1e6
            dram = report.dramPJ / 1e6
            `static` = report.staticPJ / 1e6
            total = report.totalPJ / 1e6
        }
    }

    /// Stall cycles by the unit that waited and by the token queue it waited on.
    public struct Stalls: Hashable, Sendable, Codable {
        public var load: Int
        public var compute: Int
        public var store: Int
        public var loadToCompute: Int
        public var computeToLoad: Int
        public var computeToStore: Int
        public var storeToCompute: Int

        public init(_ counters: ExecutionCounters) {
            load = counters.stallCycles(of: .load)
            compute = counters.stallCycles(of: .compute)
            store = counters.stallCycles(of: .store)
            loadToCompute = counters.stallCycles(waitingOn: .loadToCompute)
            computeToLoad = counters.stallCycles(waitingOn: .computeToLoad)
            computeToStore = counters.stallCycles(waitingOn: .computeToStore)
            storeToCompute = counters.stallCycles(waitingOn: .storeToCompute)
        }

        /// All units together.
        public var total: Int { load + compute + store }

        enum CodingKeys: String, CodingKey {
            case load, compute, store
            case loadToCompute = "load_to_compute"
            case computeToLoad = "compute_to_load"
            case computeToStore = "compute_to_store"
            case storeToCompute = "store_to_compute"
        }
    }

    /// One layer (or the whole run).
    public struct Row: Hashable, Sendable, Codable {
        public var name: String
        public var op: String
        /// Cycles the layer added to the run (`AcceleratorRun.layerCycles`), or the run's total.
        public var cycles: Int
        /// The compiler's bound: `max(MACs / peak, compulsory bytes / DRAM bytes per cycle)`.
        public var rooflineCycles: Int
        /// `cycles / rooflineCycles`; `nil` when the bound is 0.
        public var rooflineRatio: Double?
        public var macs: Int
        public var peUtilisation: Double
        public var dramBytesRead: Int
        public var dramBytesWritten: Int
        /// Bytes the layer cannot avoid moving (`ProgramLayer.compulsoryBytes`).
        public var compulsoryBytes: Int
        /// Bytes any schedule moves at least with the config's on-chip storage (`ReuseBound`);
        /// 0 for layers other than convolutions and fully-connected layers.
        public var reuseBoundBytes: Int
        public var stalls: Stalls
        public var energy: Energy

        enum CodingKeys: String, CodingKey {
            case name, op, cycles, macs, stalls
            case rooflineCycles = "roofline_cycles"
            case rooflineRatio = "roofline_ratio"
            case peUtilisation = "pe_utilisation"
            case dramBytesRead = "dram_bytes_read"
            case dramBytesWritten = "dram_bytes_written"
            case compulsoryBytes = "compulsory_bytes"
            case reuseBoundBytes = "reuse_bound_bytes"
            case energy = "energy_uj"
        }

        /// DRAM bytes read and written.
        public var dramBytes: Int { dramBytesRead + dramBytesWritten }
    }

    /// One row per layer of the program's table, in table order.
    public var rows: [Row]
    /// The whole run: its total cycles, the sum of the layers' bounds, and every count.
    public var total: Row

    /// The statistics of `run`, a run of `program` on `config`; the reuse bounds come from the
    /// layers of `graph` (the program's quantized graph), and are 0 without it.
    public init(program: AcceleratorProgram, config: HardwareConfig, run: AcceleratorRun, graph: QuantizedGraph? = nil) {
        let reuse = graph.map { ReuseBound.bytes(of: program, graph: $0, config: config) }
            ?? Array(repeating: 0, count: program.layers.count)
        rows = program.layers.indices.map { index in
            let layer = program.layers[index]
            return Self.row(name: layer.name, op: layer.op, cycles: run.layerCycles[index], roofline: layer.rooflineCycles,
                            traffic: (layer.compulsoryBytes, reuse[index]), counters: run.layerCounters[index],
                            energy: run.layerEnergy[index], config: config)
        }
        total = Self.row(name: "total", op: "", cycles: run.totalCycles,
                         roofline: program.layers.reduce(0) { $0 + $1.rooflineCycles },
                         traffic: (program.layers.reduce(0) { $0 + $1.compulsoryBytes }, reuse.reduce(0, +)),
                         counters: run.counters, energy: run.energy, config: config)
    }

    /// `macs / (cycles × config.array.macsPerCycle)`; 0 for no cycles.
    public static func peUtilisation(macs: Int, cycles: Int, config: HardwareConfig) -> Double {
        let capacity = Double(cycles) * Double(config.array.macsPerCycle)
        return capacity > 0 ? Double(macs) / capacity : 0
    }

    /// One row; `traffic` holds the compulsory bytes and the reuse bound.
    private static func row(name: String, op: String, cycles: Int, roofline: Int, traffic: (compulsory: Int, reuse: Int),
                            counters: ExecutionCounters, energy: EnergyReport, config: HardwareConfig) -> Row {
        Row(name: name, op: op, cycles: cycles, rooflineCycles: roofline,
            rooflineRatio: roofline > 0 ? Double(cycles) / Double(roofline) : nil, macs: counters.macs,
            peUtilisation: peUtilisation(macs: counters.macs, cycles: cycles, config: config),
            dramBytesRead: counters.dramBytesRead, dramBytesWritten: counters.dramBytesWritten,
            compulsoryBytes: traffic.compulsory, reuseBoundBytes: traffic.reuse, stalls: Stalls(counters), energy: Energy(energy))
    }
}
