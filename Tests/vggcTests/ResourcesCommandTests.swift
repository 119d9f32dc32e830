import Foundation
import Testing

/// `vggc resources`: the JSON keys and the part's capacity, the table over every part, one-line errors.
@Suite struct ResourcesCommandTests {
    @Test func jsonForOnePartHasTheEstimateAndTheCapacity() throws {
        let result = try VGGCProcess.run(["resources", "--target", "zc706", "--part", "xc7z045", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        for key in ["dsp", "bram36", "lut", "ff"] { #expect((object[key] as? Int ?? 0) > 0, "\(key)") }
        let capacity = try #require(object["capacity"] as? [String: Int])
        #expect(capacity["dsp"] == 900 && capacity["bram36"] == 545)
        let fits = try #require(object["fits"] as? Bool)
        let dsp = try #require(object["dsp"] as? Int), bram = try #require(object["bram36"] as? Int)
        let lut = try #require(object["lut"] as? Int), ff = try #require(object["ff"] as? Int)
        #expect(fits == (dsp <= 900 && bram <= 545 && lut <= 218_600 && ff <= 437_200))
        #expect(object["target"] as? String == "zc706" && object["part"] as? String == "xc7z045")
    }

    @Test func withoutAPartEveryPartIsListed() throws {
        let table = try VGGCProcess.run(["resources", "--target", "de1soc"])
        #expect(table.status == 0, "\(table.stderr)")
        for part in ["xc7z020", "xc7z045", "xczu9eg", "5csema5"] { #expect(table.stdout.contains("\(part) ("), "\(part)") }
        #expect(table.stdout.contains("M10K"))
        let json = try VGGCProcess.run(["resources", "--target", "de1soc", "--json"])
        let array = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(array.map { $0["part"] as? String } == ["xc7z020", "xc7z045", "xczu9eg", "5csema5"])
    }

    @Test func unknownPartIsOneLine() throws {
        let result = try VGGCProcess.run(["resources", "--target", "vta", "--part", "xc9nope"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("error: unknown FPGA part 'xc9nope'") && result.stderr.split(separator: "\n").count == 1,
                "\(result.stderr)")
    }
}
