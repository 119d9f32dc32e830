/// The one-line description of a tiling the dump and the per-layer table show.
enum TilingDescription {
    static func text(_ tile: TileShape, geometry: PlaneGeometry?) -> String {
        var text = "\(tile.outputChannels) out-ch × \(tile.inputChannels) in-ch × \(tile.rows) rows × \(tile.columns) cols, \(tile.order.rawValue)"
        if let geometry {
            let tiles = [(geometry.outputChannels, tile.outputChannels), (geometry.inputChannels, tile.inputChannels),
                         (geometry.outputHeight, tile.rows), (geometry.outputWidth, tile.columns)]
                .map { ($0.0 + $0.1 - 1) / max($0.1, 1) }
            text += " (\(tiles.map(String.init).joined(separator: "×")) tiles)"
        }
        return text
    }
}
