@testable import Backend
import IR
import Quantization
import Testing

@Suite struct TileCostModelDepthwiseTests {
    /// The input `LOAD`s' bus words against a walk over every channel, tile and row: the words from
    /// the one holding a row's first byte to the one holding its last (docs/ISA.md, "Timing"),
    /// rows of a tile with no left or right padding that span the whole width walked as one.
    @Test(arguments: [(3, 1, 1, 7), (3, 2, 1, 9), (5, 2, 2, 14), (1, 1, 0, 10), (3, 1, 1, 12)])
    func inputWordsAreTheWordsEveryRowTouches(kernel: Int, stride: Int, pad: Int, size: Int) {
        let output = (size + 2 * pad - kernel) / stride + 1
        let geometry = PlaneGeometry(window: QuantizedWindow(kernel: [kernel, kernel], strides: [stride, stride], dilations: [1, 1],
                                                             pads: [pad, pad, pad, pad], inputSize: [size, size], outputSize: [output, output]),
                                     inputChannels: 5, outputChannels: 5)
        for rows in 1...output { for columns in [1, 2, 3, output - 1, output] where columns >= 1 {
            if kernel == 1 && columns == output { continue }  // planes would merge across channels
            for bus in [8, 16] {
                let words = TileCostModel.depthwiseInputWords(geometry: geometry, rows: rows, columns: columns, elementBytes: 1, busBytes: bus)
                #expect(words == walkedWords(size: size, kernel: kernel, step: stride, pad: pad, output: output, channels: 5,
                                             rows: rows, columns: columns, bus: bus),
                        "k\(kernel) s\(stride) \(size)×\(size), tiles \(rows)×\(columns), bus \(bus)")
            }
        } }
    }

    /// The naive walk: for every channel and output tile, the input rows and columns its window
    /// reads, clipped to the map, row by row.
    private func walkedWords(size: Int, kernel: Int, step: Int, pad: Int, output: Int, channels: Int, rows: Int, columns: Int,
                             bus: Int) -> Int {
        var words = 0
        for channel in 0..<channels {
            for rowStart in stride(from: 0, to: output, by: rows) {
                for columnStart in stride(from: 0, to: output, by: columns) {
                    let rowEnd = min(output, rowStart + rows), columnEnd = min(output, columnStart + columns)
                    let top = rowStart * step - pad, bottom = (rowEnd - 1) * step - pad + kernel
                    let left = columnStart * step - pad, right = (columnEnd - 1) * step - pad + kernel
                    let (firstRow, lastRow) = (max(0, top), min(size, bottom))
                    let (firstColumn, lastColumn) = (max(0, left), min(size, right))
                    guard firstRow < lastRow, firstColumn < lastColumn else { continue }
                    let wholeRows = left >= 0 && right <= size && lastColumn - firstColumn == size
                    if wholeRows {
                        let address = (channel * size + firstRow) * size
                        words += (address % bus + (lastRow - firstRow) * size - 1) / bus + 1
                        continue
                    }
                    for row in firstRow..<lastRow {
                        let address = (channel * size + row) * size + firstColumn
                        words += (address % bus + lastColumn - firstColumn - 1) / bus + 1
                    }
                }
            }
        }
        return words
    }

    /// Three tiles of 100 load, 60 compute and 40 store cycles each (300, 180, 120 in all): the
    /// load unit binds, and the last tile's compute (60) and store (40) follow it.
    @Test func flowCyclesAddTheStagesAroundTheBusiestUnit() {
        #expect(TileCostModel.flowCycles(load: 300, compute: 180, store: 120, fetch: 20, firstLoad: 100, lastStore: 40, tiles: 3, tilesAfterLastLoad: 1) == 400)
        // Compute binds: the first tile's loads before it, the last store after it.
        #expect(TileCostModel.flowCycles(load: 90, compute: 600, store: 60, fetch: 20, firstLoad: 30, lastStore: 20, tiles: 3, tilesAfterLastLoad: 1) == 650)
        // Stores bind: the first tile's loads and compute (200) before them.
        #expect(TileCostModel.flowCycles(load: 90, compute: 600, store: 900, fetch: 20, firstLoad: 30, lastStore: 300, tiles: 3, tilesAfterLastLoad: 1) == 1130)
        // The last load (a channel tile's weights) is followed by both of that channel tile's pixel tiles.
        #expect(TileCostModel.flowCycles(load: 1200, compute: 1020, store: 0, fetch: 20, firstLoad: 400, lastStore: 0, tiles: 6,
                                         tilesAfterLastLoad: 2) == 1540)
        // Fetch binds a stream of many cheap instructions.
        #expect(TileCostModel.flowCycles(load: 10, compute: 10, store: 10, fetch: 500, firstLoad: 5, lastStore: 5, tiles: 2, tilesAfterLastLoad: 1) == 500)
    }
}
