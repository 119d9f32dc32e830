/// Finds where the fields of a protobuf message lie in its binary wire form, without decoding
/// them: each field's number, wire type and byte ranges. swift-protobuf decodes every message
/// vggc reads; this only lets `MappedModelDecoder` hand it a model in pieces, since
/// swift-protobuf offers no parse that returns slices of its input and copies every `bytes` field
/// (an initializer's `raw_data`) out of it (docs/ARCHITECTURE.md, "Reading a model's weights once").
struct ProtobufWireScanner {
    /// A field's wire type (the low three bits of its key). Groups (3 and 4), obsolete and unused
    /// by ONNX, are not scanned.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    /// One field as it lies in the bytes.
    struct Field {
        let number: Int
        let wireType: WireType
        /// The whole field: key, length and payload.
        let range: Range<Int>
        /// The payload of a length-delimited field, after its length; for the other wire types,
        /// the value's bytes.
        let payload: Range<Int>
    }

    /// The bytes of the outermost message.
    let bytes: UnsafeRawBufferPointer

    /// The fields of the message in `range` of `bytes`, in order, or `nil` when the range does not
    /// hold a sequence of well-framed fields (a truncated or garbled key, varint or length, a
    /// field number of 0 or above 2^29 - 1, a group) — the caller then leaves the input to
    /// swift-protobuf whole.
    func fields(in range: Range<Int>) -> [Field]? {
        var fields: [Field] = []
        var position = range.lowerBound
        while position < range.upperBound {
            let start = position
            guard let key = varint(at: &position, end: range.upperBound), key <= UInt64(UInt32.max),
                  key >> 3 > 0, let wireType = WireType(rawValue: key & 7) else { return nil }
            let payloadStart: Int
            switch wireType {
            case .varint:
                payloadStart = position
                guard varint(at: &position, end: range.upperBound) != nil else { return nil }
            case .fixed64, .fixed32:
                payloadStart = position
                let width = wireType == .fixed64 ? 8 : 4
                guard range.upperBound - position >= width else { return nil }
                position += width
            case .lengthDelimited:
                guard let length = varint(at: &position, end: range.upperBound),
                      length <= UInt64(range.upperBound - position) else { return nil }
                payloadStart = position
                position += Int(length)
            }
            fields.append(Field(number: Int(key >> 3), wireType: wireType, range: start..<position, payload: payloadStart..<position))
        }
        return fields
    }

    /// The base-128 varint at `position` (advanced past it), or `nil` when it runs past `end`,
    /// over ten bytes or over 64 bits.
    private func varint(at position: inout Int, end: Int) -> UInt64? {
        var value: UInt64 = 0
        for shift in stride(from: UInt64(0), to: 70, by: 7) {
            guard position < end else { return nil }
            let byte = bytes[position]
            position += 1
            guard shift < 63 || byte <= 1 else { return nil }
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
        }
        return nil
    }
}
