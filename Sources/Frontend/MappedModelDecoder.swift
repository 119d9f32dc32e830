import Foundation
import SwiftProtobuf

/// Decodes a binary ONNX `ModelProto` from a mapped file holding one copy of its weights: the
/// model, its graph and each initializer are decoded by swift-protobuf from the file's bytes
/// without the graph's initializers and each initializer's `raw_data`, and every `raw_data`
/// becomes a `Data` that reads the mapping (`MappedFile.bytes(in:)`) instead of a copy. A model
/// whose wire framing the scanner does not follow (truncated, garbled, a group, more than one
/// graph) is decoded by swift-protobuf whole, as before, so its errors are swift-protobuf's.
enum MappedModelDecoder {
    /// `ModelProto.graph`, `GraphProto.initializer` and `TensorProto.raw_data` (onnx.proto).
    private static let graphField = 7, initializerField = 5, rawDataField = 9

    /// The model in `file`; throws swift-protobuf's decoding errors.
    static func decode(_ file: MappedFile) throws -> Onnx_ModelProto {
        if let model = try file.withUnsafeBytes({ try split(ProtobufWireScanner(bytes: $0), file) }) { return model }
        return try Onnx_ModelProto(serializedBytes: file.bytes(in: 0..<file.count))
    }

    /// The model decoded in pieces, or `nil` when the scanner cannot frame it.
    private static func split(_ scanner: ProtobufWireScanner, _ file: MappedFile) throws -> Onnx_ModelProto? {
        guard let fields = scanner.fields(in: 0..<file.count) else { return nil }
        let graphs = fields.filter { isMessage($0, graphField) }
        guard graphs.count == 1, let graphFields = scanner.fields(in: graphs[0].payload) else { return nil }
        var initializers: [Onnx_TensorProto] = []
        for field in graphFields where isMessage(field, initializerField) {
            guard let tensorFields = scanner.fields(in: field.payload) else { return nil }
            var tensor = Onnx_TensorProto()
            try merge(&tensor, tensorFields, skipping: rawDataField, file)
            // A singular field that occurs more than once takes its last value.
            if let rawData = tensorFields.last(where: { isMessage($0, rawDataField) }) {
                tensor.rawData = file.bytes(in: rawData.payload)
            }
            initializers.append(tensor)
        }
        var graph = Onnx_GraphProto()
        try merge(&graph, graphFields, skipping: initializerField, file)
        graph.initializer = initializers
        var model = Onnx_ModelProto()
        try merge(&model, fields, skipping: graphField, file)
        model.graph = graph
        return model
    }

    /// True when `field` is the length-delimited field `number` (a field of another wire type
    /// with that number is left to swift-protobuf, which refuses it).
    private static func isMessage(_ field: ProtobufWireScanner.Field, _ number: Int) -> Bool {
        field.number == number && field.wireType == .lengthDelimited
    }

    /// Decodes into `message` every field of `fields` but the length-delimited ones numbered
    /// `skipped`, one run of adjacent fields at a time (protobuf merges a message's pieces as if
    /// they were one).
    private static func merge<Message: SwiftProtobuf.Message>(_ message: inout Message, _ fields: [ProtobufWireScanner.Field],
                                                              skipping skipped: Int, _ file: MappedFile) throws {
        var run: Range<Int>?
        for field in fields {
            if isMessage(field, skipped) {
                if let current = run { try message.merge(serializedBytes: file.bytes(in: current)) }
                run = nil
            } else {
                run = run.map { $0.lowerBound..<field.range.upperBound } ?? field.range
            }
        }
        if let current = run { try message.merge(serializedBytes: file.bytes(in: current)) }
    }
}
