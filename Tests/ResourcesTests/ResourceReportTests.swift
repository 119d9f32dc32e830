import Accelerator
import Testing
@testable import Resources

/// `ResourceReport` puts the model's estimate beside the part's capacity, figures typed here from
/// the vendors' tables.
@Suite struct ResourceReportTests {
    @Test func estimateBesideTheCapacityOfXC7Z045() throws {
        let config = try #require(HardwareConfig.preset(named: "vta"))
        let part = try FPGAPart.named("xc7z045")
        let report = ResourceReport(config: config, part: part)
        let estimate = ResourceModel.standard.estimate(config, on: part)
        #expect(report.target == "vta" && report.part == "xc7z045" && report.memoryBlock == "bram36")
        #expect([report.dsp, report.bram36, report.lut, report.ff] == [estimate.dsp, estimate.bram36, estimate.lut, estimate.ff])
        #expect([report.capacity.dsp, report.capacity.bram36] == [900, 545])
        #expect(report.fits == (report.dsp <= 900 && report.bram36 <= 545 && report.lut <= 218_600 && report.ff <= 437_200))
        #expect(report.rows.map(\.resource) == ["dsp", "bram36", "lut", "ff"])
        #expect(report.rows.map(\.available) == [900, 545, 218_600, 437_200])
    }

    @Test func catalogueCoversEveryPartInOrder() throws {
        let config = try #require(HardwareConfig.preset(named: "de1soc"))
        let reports = ResourceReport.catalogue(config)
        #expect(reports.map(\.part) == ["xc7z020", "xc7z045", "xczu9eg", "5csema5"])
        #expect(reports.last?.memoryBlock == "m10k" && reports.last?.capacity.bram36 == 397)
    }

    @Test func zcu102ArrayDoesNotFitTheSmallestZynq() throws {
        let config = try #require(HardwareConfig.preset(named: "zcu102"))
        let report = ResourceReport(config: config, part: try FPGAPart.named("xc7z020"))
        // 2048 int8 multipliers need at least 2048 DSP48E1s; the part has 220.
        #expect(report.dsp >= 2048 && !report.fits)
    }
}
