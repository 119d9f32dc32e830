import IR

/// Reads the text form `QuantizedGraphPrinter` writes back into a `QuantizedGraph`, so that tests
/// can state quantized graphs (and scheduled programs, which begin with one) as text.
///
/// Every list must carry its elements: a graph printed with elided lists cannot be read back.
/// Windows take their input and output sizes from the shapes of the values they read and write.
/// Lines starting with `#` are comments.
public enum QuantizedGraphParser {
    /// Parses a whole graph; errors are `IRError.parseError` with the 1-based line number.
    public static func parse(_ text: String) throws -> QuantizedGraph {
        var reader = Reader()
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.drop(while: \.isWhitespace)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            do {
                var cursor = IRTokenCursor(try IRToken.tokenize(arrowsAsEquals(trimmed)))
                try reader.statement(&cursor)
                try cursor.expectEnd()
            } catch let problem as IRAttributeValue.Problem {
                throw IRError.parseError(line: index + 1, detail: problem.detail)
            }
        }
        return try reader.graph()
    }

    /// The line with the ` -> ` and ` <- ` outside quoted names written ` = `, which the tokenizer
    /// reads.
    private static func arrowsAsEquals(_ line: Substring) -> Substring {
        var result = ""
        var quoted = false, escaped = false
        var rest = line[...]
        while let character = rest.first {
            if !quoted, rest.hasPrefix(" -> ") || rest.hasPrefix(" <- ") {
                result += " = "
                rest = rest.dropFirst(4)
                continue
            }
            if quoted, character == "\\", !escaped { escaped = true } else {
                if character == "\"", !escaped { quoted.toggle() }
                escaped = false
            }
            result.append(character)
            rest = rest.dropFirst()
        }
        return result[...]
    }

    /// The graph as it is read, statement by statement.
    private struct Reader {
        var name: String?
        var arithmetic = ArithmeticMode.standard
        var input: QuantizedInput?
        var layers: [QuantizedLayer] = []
        var outputs: [QuantizedOutput] = []
        /// The shape of every value defined so far.
        var dims: [String: [Int]] = [:]

        mutating func statement(_ cursor: inout IRTokenCursor) throws {
            guard name != nil else {
                try header(&cursor)
                return
            }
            switch cursor.peek {
            case .word("input"): try readInput(&cursor)
            case .word("output"): try readOutput(&cursor)
            default: try readLayer(&cursor)
            }
        }

        func graph() throws -> QuantizedGraph {
            guard let name else { throw IRError.parseError(line: 1, detail: "missing 'quantized graph NAME arith=MODE' line") }
            guard let input else { throw IRError.parseError(line: 1, detail: "missing 'input' line") }
            return QuantizedGraph(name: name, arithmetic: arithmetic, input: input, layers: layers, outputs: outputs)
        }

        /// `quantized graph NAME arith=MODE`.
        private mutating func header(_ cursor: inout IRTokenCursor) throws {
            try expectWords(["quantized", "graph"], &cursor)
            let graphName = try cursor.name()
            try expectWords(["arith"], &cursor)
            try cursor.expect("=")
            let mode = try cursor.name()
            guard let arithmetic = ArithmeticMode(rawValue: mode) else {
                throw IRAttributeValue.Problem(detail: "unknown arithmetic '\(mode)'")
            }
            self.arithmetic = arithmetic
            name = graphName
        }

        /// `input %x : f32[DIMS] -> TYPE scale=S zp=Z`.
        private mutating func readInput(_ cursor: inout IRTokenCursor) throws {
            _ = try cursor.next()
            guard input == nil else { throw IRAttributeValue.Problem(detail: "a second 'input' line") }
            let valueName = try cursor.valueReference()
            try cursor.expect(":")
            let type = try cursor.tensorType()
            guard type.elementType == .float32 else { throw IRAttributeValue.Problem(detail: "the input is f32, not \(type.elementType)") }
            try cursor.expect("=")
            try expectStorageType(try DataType(textWord: cursor.word()))
            input = QuantizedInput(name: valueName, dims: type.shape.dims, params: try params(&cursor))
            dims[valueName] = type.shape.dims
        }

        /// `output %name <- %value scale=S zp=Z [then Softmax(axis=A, coerce_2d=B) on the host in f32]`.
        private mutating func readOutput(_ cursor: inout IRTokenCursor) throws {
            _ = try cursor.next()
            let outputName = try cursor.valueReference()
            try cursor.expect("=")
            let value = try cursor.valueReference()
            guard let valueDims = dims[value] else { throw IRAttributeValue.Problem(detail: "output '\(outputName)' reads undefined '\(value)'") }
            let outputParams = try params(&cursor)
            var softmax: QuantizedOutput.HostSoftmax?
            if cursor.peek == .word("then") {
                try expectWords(["then", "Softmax"], &cursor)
                try cursor.expect("(")
                let axis = try keyed("axis", &cursor).int()
                try cursor.expect(",")
                let coerce2D = try keyed("coerce_2d", &cursor).bool()
                try cursor.expect(")")
                try expectWords(["on", "the", "host", "in", "f32"], &cursor)
                softmax = QuantizedOutput.HostSoftmax(axis: axis, coerce2D: coerce2D)
            }
            outputs.append(QuantizedOutput(name: outputName, value: value, dims: valueDims, params: outputParams, hostSoftmax: softmax))
        }

        /// `%y = Op(%a, %b) {key=value, ...} : TYPE[DIMS] scale=S zp=Z  # name`.
        private mutating func readLayer(_ cursor: inout IRTokenCursor) throws {
            guard input != nil else { throw IRAttributeValue.Problem(detail: "expected the 'input' line before the layers") }
            let output = try cursor.valueReference()
            try cursor.expect("=")
            let operatorName = try cursor.word()
            try cursor.expect("(")
            let inputs = try cursor.valueReferences()
            let inputDims = try inputs.map { name -> [Int] in
                guard let shape = dims[name] else { throw IRAttributeValue.Problem(detail: "'\(output)' reads '\(name)' before it is written") }
                return shape
            }
            var attributes = try IRAttributeSet(cursor.skip("{") ? cursor.attributePairs() : [])
            try cursor.expect(":")
            let type = try cursor.tensorType()
            try expectStorageType(type.elementType)
            let op = try QuantizedOp(operatorName: operatorName, attributes: &attributes,
                                     inputSize: Self.planar(inputDims.first ?? []), outputSize: Self.planar(type.shape.dims))
            try attributes.expectEnd(op: operatorName)
            let layerParams = try params(&cursor)
            try cursor.expect("#")
            let layerName = try cursor.name()
            layers.append(QuantizedLayer(name: layerName, op: op, inputs: inputs, output: output, dims: type.shape.dims,
                                         params: layerParams))
            dims[output] = type.shape.dims
        }

        /// `[height, width]` of a `[N, C, H, W]` or `[N, C, W]` value; `[1, 1]` otherwise.
        private static func planar(_ dims: [Int]) -> [Int] {
            switch dims.count {
            case 4: return [dims[2], dims[3]]
            case 3: return [1, dims[2]]
            default: return [1, 1]
            }
        }

        private func expectStorageType(_ type: DataType) throws {
            guard type == arithmetic.storageType else {
                throw IRAttributeValue.Problem(detail: "values of \(arithmetic.rawValue) are stored as \(arithmetic.storageType), not \(type)")
            }
        }

        /// `scale=S zp=Z`.
        private func params(_ cursor: inout IRTokenCursor) throws -> QuantParams {
            let scale = try keyed("scale", &cursor).float()
            let zeroPoint = try keyed("zp", &cursor).int()
            guard let exact = Int32(exactly: zeroPoint) else { throw IRAttributeValue.Problem(detail: "zero point \(zeroPoint) does not fit i32") }
            return QuantParams(scale: scale, zeroPoint: exact)
        }

        /// `key=VALUE`.
        private func keyed(_ key: String, _ cursor: inout IRTokenCursor) throws -> IRAttributeValue {
            try expectWords([key], &cursor)
            try cursor.expect("=")
            return try cursor.attributeValue()
        }

        private func expectWords(_ words: [String], _ cursor: inout IRTokenCursor) throws {
            for word in words {
                let found = try cursor.word()
                guard found == word else { throw IRAttributeValue.Problem(detail: "expected '\(word)', found '\(found)'") }
            }
        }
    }
}
