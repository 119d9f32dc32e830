/// File names for saving a model's outputs one file each, distinct however the outputs are named.
public enum OutputFileNames {
    /// One `.npy` file name per output name, in the same order: the name with every character but
    /// letters, digits, `_` and `-` replaced by `_`; a name that several outputs would share gets
    /// `-<output index>` (outputs `out/x` and `out_x` become `out_x-0.npy` and `out_x-1.npy`).
    public static func npy(for names: [String]) -> [String] {
        let safeNames = names.map { name in
            String(name.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        }
        let uses = Dictionary(safeNames.map { ($0, 1) }, uniquingKeysWith: +)
        return safeNames.enumerated().map { index, safe in uses[safe, default: 0] > 1 ? "\(safe)-\(index).npy" : "\(safe).npy" }
    }
}
