import Foundation
import Testing
import TestSupport

/// docs/ARCHITECTURE.md and the README's layout table describe the package as it is: every Swift
/// library module of Package.swift has a row whose "depends on" column lists exactly its
/// dependencies, and every folder under Sources/ is in the README's layout table.
@Suite struct ArchitectureDocumentTests {
    static let root = GeneratedFiles.repositoryRoot

    /// Swift library targets (not C wrappers, not test support) and their dependencies, from Package.swift.
    static func packageModules() throws -> [String: Set<String>] {
        let manifest = try String(contentsOf: root.appendingPathComponent("Package.swift"), encoding: .utf8)
        let target = try Regex(#"\.target\(\s*name:\s*"(\w+)"(?:,\s*dependencies:\s*\[([^\]]*)\])?"#)
        var modules: [String: Set<String>] = [:]
        for match in manifest.matches(of: target) {
            guard let name = match.output[1].substring.map(String.init), name.wholeMatch(of: #/C[A-Z]\w*/#) == nil, name != "TestSupport" else { continue }
            let list = match.output[2].substring.map(String.init) ?? ""
            modules[name] = Set(list.matches(of: try Regex(#""(\w+)""#)).compactMap { $0.output[1].substring.map(String.init) }
                .filter { $0 != "swift-protobuf" && $0 != "swift-argument-parser" })
        }
        return modules
    }

    /// The "depends on" column of docs/ARCHITECTURE.md's module table, by module.
    static func documentedModules() throws -> [String: Set<String>] {
        let text = try String(contentsOf: root.appendingPathComponent("docs/ARCHITECTURE.md"), encoding: .utf8)
        var modules: [String: Set<String>] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let name = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let dependencies = cells[2] == "—" ? [] : cells[2].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            modules[name] = Set(dependencies)
        }
        return modules
    }

    @Test func moduleTableMatchesThePackage() throws {
        let package = try Self.packageModules(), documented = try Self.documentedModules()
        #expect(package.count >= 10, "the manifest parse found \(package.keys.sorted())")
        for (module, dependencies) in package.sorted(by: { $0.key < $1.key }) {
            #expect(documented[module] == dependencies, "\(module): Package.swift has \(dependencies.sorted()), docs/ARCHITECTURE.md \(documented[module]?.sorted() ?? [])")
        }
        #expect(Set(documented.keys).subtracting(package.keys).subtracting(["vggc"]).isEmpty,
                "documented modules not in Package.swift: \(Set(documented.keys).subtracting(package.keys).subtracting(["vggc"]).sorted())")
    }

    /// The accelerator path (graph IR, quantization, the machine, the backend, the runtime) does
    /// not link BLAS: no module it depends on, directly or not, is `COpenBLAS` or `Reference`.
    @Test func acceleratorPathDoesNotLinkBLAS() throws {
        let package = try Self.packageModules()
        for module in ["IR", "Quantization", "Accelerator", "Backend", "Runtime"] {
            var reached: Set<String> = [], pending = [module]
            while let next = pending.popLast() {
                for dependency in package[next] ?? [] where reached.insert(dependency).inserted { pending.append(dependency) }
            }
            #expect(package[module] != nil, "\(module) is not a target of Package.swift")
            #expect(reached.isDisjoint(with: ["COpenBLAS", "Reference"]), "\(module) reaches \(reached.sorted())")
        }
        #expect(package["Reference"]?.contains("COpenBLAS") == true, "the manifest parse should see Reference link COpenBLAS")
    }

    @Test func readmeLayoutTableNamesEverySourceFolder() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.root.appendingPathComponent("Sources").path)
            .filter { !$0.hasPrefix(".") }.sorted()
        for folder in folders {
            #expect(readme.contains("`Sources/\(folder)`"), "README.md's layout table has no row for Sources/\(folder)")
        }
    }
}
