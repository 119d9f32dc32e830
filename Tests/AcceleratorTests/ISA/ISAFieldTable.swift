@testable import Accelerator


/// The test's own copy of the ISA contract, written from the instruction types' doc comments and
/// independent of their field tables: each opcode's operands in declaration order with their
/// widths, how the Swift type stores each, and a setter by name.
enum ISAFieldTable {
    /// How an instruction type holds a field: which values a test can put into it.
    enum Storage {
        case int
        /// Two's complement.
        case int32
        /// An `Int32` that must not be negative (POOL's `multiplier`).
        case unsignedInt32
        case flag
        /// An enum whose codes are these (`SRAMBuffer.Role`: input 0, weight 1, accumulator 2, output 3).
        case codes(ClosedRange<Int>)
    }

    struct Entry {
        let name: String
        let width: Int
        let storage: Storage
        let set: @Sendable (inout Instruction, Int) -> Void
    }

    /// Bits the POOL layout leaves unused after `multiplier` (32-bit field, 31 bits used).
    static let poolMultiplierGap = 1

    static let roles: [SRAMBuffer.Role] = [.input, .weight, .accumulator, .output]

    /// An instruction of `opcode` with every numeric field 0, each byte count at its smallest, each
    /// enum at code 0 and no tokens.
    static func zero(opcode: Int) -> Instruction {
        let destination = StridedDestination(buffer: .input, address: 0, planePitch: 0, rowPitch: 0)
        switch opcode {
        case 1:
            return .load(LoadInstruction(layer: 0, buffer: .input, elementBytes: 1, dramAddress: 0, sramAddress: 0, depth: 0,
                                         rows: 0, columns: 0, dramPlaneStride: 0, dramRowStride: 0))
        case 2:
            return .gemm(GemmInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, reset: false, inputAddress: 0,
                                         inputPlanePitch: 0, inputRowPitch: 0, weightAddress: 0, accumulatorAddress: 0,
                                         outputChannels: 0, inputChannels: 0, outputRows: 0, outputColumns: 0, kernelHeight: 0,
                                         kernelWidth: 0, strideHeight: 0, strideWidth: 0, dilationHeight: 0, dilationWidth: 0))
        case 3:
            return .post(PostInstruction(layer: 0, elementBytes: 1, accumulatorBytes: 4, accumulatorAddress: 0,
                                         parameterAddress: 0, channels: 0, rows: 0, columns: 0, requantization: .multiplier,
                                         saturate: false, outputZeroPoint: 0, clampLow: 0, clampHigh: 0,
                                         destination: destination))
        case 4:
            return .pool(PoolInstruction(layer: 0, elementBytes: 1, kind: .max, inputAddress: 0, inputPlanePitch: 0,
                                         inputRowPitch: 0, channels: 0, outputRows: 0, outputColumns: 0, kernelHeight: 0,
                                         kernelWidth: 0, strideHeight: 0, strideWidth: 0, inputZeroPoint: 0,
                                         outputZeroPoint: 0, multiplier: 0, shift: 0, clampLow: 0, clampHigh: 0,
                                         destination: destination))
        case 5:
            return .alu(ALUInstruction(layer: 0, elementBytes: 1, operation: .lookupTable, inputAddress: 0, inputPlanePitch: 0,
                                       inputRowPitch: 0, channels: 0, rows: 0, columns: 0, tableAddress: 0, clampLow: 0,
                                       clampHigh: 0, destination: destination))
        case 6:
            return .store(StoreInstruction(layer: 0, elementBytes: 1, sramAddress: 0, dramAddress: 0, depth: 0, rows: 0,
                                           columns: 0, dramPlaneStride: 0, dramRowStride: 0))
        case 7:
            return .sync(SyncInstruction(dependencies: .none, layer: 0, unit: .load))
        case 9:
            return .add(AddInstruction(layer: 0, elementBytes: 1, accumulate: false, write: false, inputAddress: 0,
                                       inputPlanePitch: 0, inputRowPitch: 0, channels: 0, rows: 0, columns: 0,
                                       accumulatorAddress: 0, zeroPoint: 0, multiplier: 0, shift: 0, outputZeroPoint: 0,
                                       clampLow: 0, clampHigh: 0, destination: destination))
        default:
            return .end(layer: 0)
        }
    }

    /// The header entries every opcode shares after `opcode` (bits 4–23).
    static let header: [Entry] = [
        Entry(name: "popPrevious", width: 1, storage: .flag) { $0.dependencies.popPrevious = $1 == 1 },
        Entry(name: "popNext", width: 1, storage: .flag) { $0.dependencies.popNext = $1 == 1 },
        Entry(name: "pushPrevious", width: 1, storage: .flag) { $0.dependencies.pushPrevious = $1 == 1 },
        Entry(name: "pushNext", width: 1, storage: .flag) { $0.dependencies.pushNext = $1 == 1 },
        Entry(name: "layer", width: 16, storage: .int, set: setLayer),
    ]

    /// The operands of `opcode`, in declaration order.
    static func operands(opcode: Int) -> [Entry] {
        switch opcode {
        case 1: return loadOperands
        case 2: return gemmOperands
        case 3: return postOperands
        case 4: return poolOperands
        case 5: return aluOperands
        case 6: return storeOperands
        case 7: return [sync("unit", 2, .codes(0...2)) { $0.unit = ExecutionUnit(rawValue: $1)! }]
        case 9: return addOperands
        default: return []
        }
    }

    static func setLayer(_ instruction: inout Instruction, _ layer: Int) {
        switch instruction {
        case .load(var i): i.layer = layer; instruction = .load(i)
        case .gemm(var i): i.layer = layer; instruction = .gemm(i)
        case .post(var i): i.layer = layer; instruction = .post(i)
        case .pool(var i): i.layer = layer; instruction = .pool(i)
        case .alu(var i): i.layer = layer; instruction = .alu(i)
        case .store(var i): i.layer = layer; instruction = .store(i)
        case .sync(var i): i.layer = layer; instruction = .sync(i)
        case .end: instruction = .end(layer: layer)
        case .add(var i): i.layer = layer; instruction = .add(i)
        }
    }

    private static let loadOperands: [Entry] = [
        load("buffer", 2, .codes(0...3)) { $0.buffer = roles[$1] },
        load("elementBytes", 2, .int) { $0.elementBytes = $1 },
        load("dramAddress", 40, .int) { $0.dramAddress = $1 },
        load("sramAddress", 24, .int) { $0.sramAddress = $1 },
        load("depth", 16, .int) { $0.depth = $1 },
        load("rows", 16, .int) { $0.rows = $1 },
        load("columns", 16, .int) { $0.columns = $1 },
        load("dramPlaneStride", 40, .int) { $0.dramPlaneStride = $1 },
        load("dramRowStride", 32, .int) { $0.dramRowStride = $1 },
        load("padTop", 8, .int) { $0.padTop = $1 },
        load("padBottom", 8, .int) { $0.padBottom = $1 },
        load("padLeft", 8, .int) { $0.padLeft = $1 },
        load("padRight", 8, .int) { $0.padRight = $1 },
        load("padValue", 32, .int32) { $0.padValue = Int32($1) },
    ]

    private static let gemmOperands: [Entry] = [
        gemm("elementBytes", 2, .int) { $0.elementBytes = $1 },
        gemm("accumulatorBytes", 2, .int) { $0.accumulatorBytes = $1 },
        gemm("reset", 1, .flag) { $0.reset = $1 == 1 },
        gemm("inputAddress", 24, .int) { $0.inputAddress = $1 },
        gemm("inputPlanePitch", 32, .int) { $0.inputPlanePitch = $1 },
        gemm("inputRowPitch", 16, .int) { $0.inputRowPitch = $1 },
        gemm("weightAddress", 24, .int) { $0.weightAddress = $1 },
        gemm("accumulatorAddress", 24, .int) { $0.accumulatorAddress = $1 },
        gemm("outputChannels", 16, .int) { $0.outputChannels = $1 },
        gemm("inputChannels", 16, .int) { $0.inputChannels = $1 },
        gemm("outputRows", 16, .int) { $0.outputRows = $1 },
        gemm("outputColumns", 16, .int) { $0.outputColumns = $1 },
        gemm("kernelHeight", 8, .int) { $0.kernelHeight = $1 },
        gemm("kernelWidth", 8, .int) { $0.kernelWidth = $1 },
        gemm("strideHeight", 8, .int) { $0.strideHeight = $1 },
        gemm("strideWidth", 8, .int) { $0.strideWidth = $1 },
        gemm("dilationHeight", 8, .int) { $0.dilationHeight = $1 },
        gemm("dilationWidth", 8, .int) { $0.dilationWidth = $1 },
        gemm("depthwise", 1, .flag) { $0.depthwise = $1 == 1 },
    ]

    private static let postOperands: [Entry] = [
        post("elementBytes", 2, .int) { $0.elementBytes = $1 },
        post("accumulatorBytes", 2, .int) { $0.accumulatorBytes = $1 },
        post("accumulatorAddress", 24, .int) { $0.accumulatorAddress = $1 },
        post("parameterAddress", 24, .int) { $0.parameterAddress = $1 },
        post("channels", 16, .int) { $0.channels = $1 },
        post("rows", 16, .int) { $0.rows = $1 },
        post("columns", 16, .int) { $0.columns = $1 },
        post("requantization", 2, .codes(0...2)) { $0.requantization = RequantizationKind(rawValue: $1)! },
        post("saturate", 1, .flag) { $0.saturate = $1 == 1 },
        post("outputZeroPoint", 32, .int32) { $0.outputZeroPoint = Int32($1) },
        post("clampLow", 32, .int32) { $0.clampLow = Int32($1) },
        post("clampHigh", 32, .int32) { $0.clampHigh = Int32($1) },
    ] + destination(post)

    private static let poolOperands: [Entry] = [
        pool("elementBytes", 2, .int) { $0.elementBytes = $1 },
        pool("kind", 1, .codes(0...1)) { $0.kind = PoolKind(rawValue: $1)! },
        pool("inputAddress", 24, .int) { $0.inputAddress = $1 },
        pool("inputPlanePitch", 32, .int) { $0.inputPlanePitch = $1 },
        pool("inputRowPitch", 16, .int) { $0.inputRowPitch = $1 },
        pool("channels", 16, .int) { $0.channels = $1 },
        pool("outputRows", 16, .int) { $0.outputRows = $1 },
        pool("outputColumns", 16, .int) { $0.outputColumns = $1 },
        pool("kernelHeight", 16, .int) { $0.kernelHeight = $1 },
        pool("kernelWidth", 16, .int) { $0.kernelWidth = $1 },
        pool("strideHeight", 16, .int) { $0.strideHeight = $1 },
        pool("strideWidth", 16, .int) { $0.strideWidth = $1 },
        pool("inputZeroPoint", 32, .int32) { $0.inputZeroPoint = Int32($1) },
        pool("outputZeroPoint", 32, .int32) { $0.outputZeroPoint = Int32($1) },
        pool("multiplier", 31, .unsignedInt32) { $0.multiplier = Int32($1) },
        pool("shift", 6, .int) { $0.shift = $1 },
        pool("clampLow", 32, .int32) { $0.clampLow = Int32($1) },
        pool("clampHigh", 32, .int32) { $0.clampHigh = Int32($1) },
    ] + destination(pool)

    private static let aluOperands: [Entry] = [
        alu("elementBytes", 2, .int) { $0.elementBytes = $1 },
        alu("operation", 2, .codes(0...2)) { $0.operation = ALUOperation(rawValue: $1)! },
        alu("inputAddress", 24, .int) { $0.inputAddress = $1 },
        alu("inputPlanePitch", 32, .int) { $0.inputPlanePitch = $1 },
        alu("inputRowPitch", 16, .int) { $0.inputRowPitch = $1 },
        alu("channels", 16, .int) { $0.channels = $1 },
        alu("rows", 16, .int) { $0.rows = $1 },
        alu("columns", 16, .int) { $0.columns = $1 },
        alu("tableAddress", 24, .int) { $0.tableAddress = $1 },
        alu("clampLow", 32, .int32) { $0.clampLow = Int32($1) },
        alu("clampHigh", 32, .int32) { $0.clampHigh = Int32($1) },
    ] + destination(alu)

    private static let addOperands: [Entry] = [
        add("elementBytes", 2, .int) { $0.elementBytes = $1 },
        add("accumulate", 1, .flag) { $0.accumulate = $1 == 1 },
        add("write", 1, .flag) { $0.write = $1 == 1 },
        add("inputAddress", 24, .int) { $0.inputAddress = $1 },
        add("inputPlanePitch", 32, .int) { $0.inputPlanePitch = $1 },
        add("inputRowPitch", 16, .int) { $0.inputRowPitch = $1 },
        add("channels", 16, .int) { $0.channels = $1 },
        add("rows", 16, .int) { $0.rows = $1 },
        add("columns", 16, .int) { $0.columns = $1 },
        add("accumulatorAddress", 24, .int) { $0.accumulatorAddress = $1 },
        add("zeroPoint", 32, .int32) { $0.zeroPoint = Int32($1) },
        add("multiplier", 32, .int) { $0.multiplier = $1 },
        add("shift", 6, .int) { $0.shift = $1 },
        add("outputZeroPoint", 32, .int32) { $0.outputZeroPoint = Int32($1) },
        add("clampLow", 32, .int32) { $0.clampLow = Int32($1) },
        add("clampHigh", 32, .int32) { $0.clampHigh = Int32($1) },
    ] + destination(add)

    private static let storeOperands: [Entry] = [
        store("elementBytes", 2, .int) { $0.elementBytes = $1 },
        store("sramAddress", 24, .int) { $0.sramAddress = $1 },
        store("dramAddress", 40, .int) { $0.dramAddress = $1 },
        store("depth", 16, .int) { $0.depth = $1 },
        store("rows", 16, .int) { $0.rows = $1 },
        store("columns", 16, .int) { $0.columns = $1 },
        store("dramPlaneStride", 40, .int) { $0.dramPlaneStride = $1 },
        store("dramRowStride", 32, .int) { $0.dramRowStride = $1 },
    ]

    /// `StridedDestination`'s fields for an instruction type whose entries `make` builds.
    private static func destination<T>(_ make: (String, Int, Storage, @escaping @Sendable (inout T, Int) -> Void) -> Entry) -> [Entry]
        where T: HasDestination {
        [
            make("destination.buffer", 2, .codes(0...3)) { $0.destination.buffer = roles[$1] },
            make("destination.address", 24, .int) { $0.destination.address = $1 },
            make("destination.planePitch", 32, .int) { $0.destination.planePitch = $1 },
            make("destination.rowPitch", 16, .int) { $0.destination.rowPitch = $1 },
        ]
    }

    private static func load(_ name: String, _ width: Int, _ storage: Storage,
                             _ set: @escaping @Sendable (inout LoadInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .load(var i) = instruction else { return }
            set(&i, value)
            instruction = .load(i)
        }
    }

    private static func gemm(_ name: String, _ width: Int, _ storage: Storage,
                             _ set: @escaping @Sendable (inout GemmInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .gemm(var i) = instruction else { return }
            set(&i, value)
            instruction = .gemm(i)
        }
    }

    private static func post(_ name: String, _ width: Int, _ storage: Storage,
                             _ set: @escaping @Sendable (inout PostInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .post(var i) = instruction else { return }
            set(&i, value)
            instruction = .post(i)
        }
    }

    private static func pool(_ name: String, _ width: Int, _ storage: Storage,
                             _ set: @escaping @Sendable (inout PoolInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .pool(var i) = instruction else { return }
            set(&i, value)
            instruction = .pool(i)
        }
    }

    private static func alu(_ name: String, _ width: Int, _ storage: Storage,
                            _ set: @escaping @Sendable (inout ALUInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .alu(var i) = instruction else { return }
            set(&i, value)
            instruction = .alu(i)
        }
    }

    private static func add(_ name: String, _ width: Int, _ storage: Storage,
                            _ set: @escaping @Sendable (inout AddInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .add(var i) = instruction else { return }
            set(&i, value)
            instruction = .add(i)
        }
    }

    private static func store(_ name: String, _ width: Int, _ storage: Storage,
                              _ set: @escaping @Sendable (inout StoreInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .store(var i) = instruction else { return }
            set(&i, value)
            instruction = .store(i)
        }
    }

    private static func sync(_ name: String, _ width: Int, _ storage: Storage,
                             _ set: @escaping @Sendable (inout SyncInstruction, Int) -> Void) -> Entry {
        Entry(name: name, width: width, storage: storage) { instruction, value in
            guard case .sync(var i) = instruction else { return }
            set(&i, value)
            instruction = .sync(i)
        }
    }
}

/// The instruction types that write through a `StridedDestination`.
protocol HasDestination: Sendable {
    var destination: StridedDestination { get set }
}

extension PostInstruction: HasDestination {}
extension PoolInstruction: HasDestination {}
extension ALUInstruction: HasDestination {}
extension AddInstruction: HasDestination {}
