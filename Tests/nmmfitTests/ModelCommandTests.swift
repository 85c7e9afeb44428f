import Foundation
import Testing
import TestSupport

/// End-to-end tests of the issue-16 model commands: versioned JSON with units in the keys, an
/// SVG for the joint view, and one clear stderr line with the right exit code on bad input.
@Suite("Model commands (g−2, joint view, transition moments)")
struct ModelCommandTests {
    /// A fit of the model's e-mu element, as `fit --moments su2h_e_mu_majorana.json --element e-mu --json` writes it.
    static let elementFit = #"{"nmmfit_output": 2, "digitised_datasets": [], "fit": {"datasets": ["xenon1t_sr1"], "cl": 0.9, "interval_muB": [1.6e-11, 3.05e-11], "mu_nu_best_muB": 2.4e-11}, "element": {"basis": "flavour", "row": 0, "column": 1, "nature": "majorana", "single_element_shape": true, "sensitivity": 0.7756, "mu_lower_muB": 1.6e-11, "mu_upper_muB": 3.05e-11, "element_lower_muB": 1.8168e-11, "element_upper_muB": 3.4632e-11}}"#

    @Test("joint: a fit of the e-mu element and an upper limit give versioned JSON, a verdict and an SVG")
    func joint() throws {
        let dir = try CLITests.tempDir()
        let fit = dir.appendingPathComponent("fit.json")
        try Data(Self.elementFit.utf8).write(to: fit)
        let svg = dir.appendingPathComponent("joint.svg")
        let r = try CLITests.run(["model", "joint", "--fit", fit.path, "--mu-range", "0,7e-12,limit", "--steps", "5",
                                  "--svg", svg.path, "--json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(o["nmmfit_output"] as? Int == 3)
        let rows = try #require(o["rows"] as? [[String: Any]])
        #expect(rows.count == 5 && rows[0]["m_H0_GeV"] as? Double == 50 && rows[0]["delta_amu_per_ffprime"] != nil)
        let summary = try #require(o["summary"] as? [[String: Any]])
        #expect(summary.count == 2)  // 2 bands × the default g−2 value (WP2025)
        #expect(summary[0]["measurement"] as? String == "2025")
        let bands = try #require(o["bands"] as? [[String: Any]])
        #expect(bands[0]["mu_lo_muB"] as? Double == 1.8168e-11)  // the element's band, not the effective moment's
        // today's g−2 and the XENON1T |μ_eμ| band do not meet; with the 2021 value they do
        #expect((summary[0]["verdict"] as? String)?.contains("no m_H0") == true)
        let r2021 = try CLITests.run(["model", "joint", "--fit", fit.path, "--g2", "2021", "--steps", "5", "--json", "-q"])
        let s2021 = try #require((try JSONSerialization.jsonObject(with: Data(r2021.stdout.utf8)) as? [String: Any])?["summary"] as? [[String: Any]])
        #expect((s2021[0]["verdict"] as? String)?.contains("both hold") == true)
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"))
        #expect(text.contains("g−2"))
    }

    @Test("g2-horizontal and lr-mixing print their unverified status; sm-transition writes a moment file")
    func statusLines() throws {
        let g = try SharedRuns.shared.run(["model", "g2-horizontal", "--m-neutral-gev", "100", "--mH", "1000", "--ffprime", "1.25e-3", "--json"])
        #expect(g.status == 0 && g.stdout.contains("unverified") && g.stderr.contains("assumption"))
        let l = try CLITests.run(["model", "lr-mixing", "--sin2xi", "0.01"])
        #expect(l.status == 0 && l.stdout.contains("unverified"))
        let dir = try CLITests.tempDir()
        let file = dir.appendingPathComponent("tm.json")
        let t = try CLITests.run(["model", "sm-transition", "--masses-ev", "0,0.0086,0.0502", "--write-moments", file.path])
        #expect(t.status == 0)
        let e = try CLITests.run(["model", "effective", "--moments", file.path, "--json"])
        #expect(e.status == 0, "\(e.stderr)")
        // round trip to the Dirac diagonal: three equal masses 0.1 eV give μ_eff = 3 G_F m_e m_ν/(4√2π²)
        // = 3.2026e-20 μB for every source (Fujikawa & Shrock; the transition moments are ~1e-24 μB)
        let same = dir.appendingPathComponent("tm-same.json")
        #expect(try CLITests.run(["model", "sm-transition", "--masses-ev", "0.1,0.1,0.1", "--write-moments", same.path]).status == 0)
        let eff = try CLITests.run(["model", "effective", "--moments", same.path, "--json"])
        let sources = try #require((try JSONSerialization.jsonObject(with: Data(eff.stdout.utf8)) as? [String: Any])?["sources"] as? [[String: Any]])
        let gf = 1.1663787e-5, me = 0.51099895e-3  // GeV⁻², GeV (PDG 2022)
        let dirac = 3 * gf * me * 0.1e-9 / (4 * 2.0.squareRoot() * Double.pi * Double.pi)
        #expect(!sources.isEmpty && sources.allSatisfy { abs(($0["mu_eff_muB"] as? Double ?? 0) / dirac - 1) < 1e-3 })
        let f = try SharedRuns.shared.run(["model", "solar-fluxes", "--json"])
        let rows = try #require((try JSONSerialization.jsonObject(with: Data(f.stdout.utf8)) as? [String: Any])?["rows"] as? [[String: Any]])
        #expect(rows.count == 16 && rows.contains { ($0["check"] as? String)?.contains("secondary") == true })
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var args: [String]
        var code: Int32
        var fragment: String
        var testDescription: String { args.joined(separator: " ") }
    }

    static let bad: [BadCase] = [
        BadCase(args: ["model", "joint"], code: 64, fragment: "--fit FILE or --mu-range"),
        BadCase(args: ["model", "joint", "--fit", "/nonexistent/fit.json"], code: 2, fragment: "/nonexistent/fit.json"),
        BadCase(args: ["model", "joint", "--mu-range", "1e-11,2e-11", "--g2", "2025-final"], code: 64, fragment: "--g2 '2025-final' is not one of"),
        BadCase(args: ["model", "joint", "--mu-range", "3e-11,1e-11"], code: 64, fragment: "--mu-range"),
        BadCase(args: ["model", "g2-scalar", "--mass-gev", "0.05", "--y-left", "1", "--y-right", "1"], code: 2, fragment: "above m_μ"),
        BadCase(args: ["model", "g2-scalar", "--mass-gev", "100", "--y-left", "1", "--y-right", "1", "--delta-amu", "100"], code: 64, fragment: "go together"),
        BadCase(args: ["model", "sm-transition", "--masses-ev", "0,-1,2"], code: 64, fragment: "--masses-ev"),
        BadCase(args: ["model", "lr-mixing", "--sin2xi", "2"], code: 64, fragment: "--sin2xi"),
    ]

    @Test("joint --profile: a χ² region over (m_H0, |f f′|) per g−2 value, in JSON and in the figure")
    func jointChi2() throws {
        let dir = try CLITests.tempDir()
        let fit = dir.appendingPathComponent("fit.json"), scan = dir.appendingPathComponent("scan.json"), svg = dir.appendingPathComponent("j.svg")
        try Data(Self.elementFit.utf8).write(to: fit)
        // a parabolic profile of the effective moment around 2.4e-11 μB, σ = 0.4e-11 μB
        let points = (0...100).map { i -> String in
            let mu = Double(i) * 6e-13
            return #"{"mu_nu_muB": \#(mu), "minus_two_delta_lnL": \#(pow((mu - 2.4e-11) / 0.4e-11, 2)), "converged": true}"#
        }
        try Data(#"{"nmmfit_output": 2, "points": [\#(points.joined(separator: ","))]}"#.utf8).write(to: scan)
        let r = try CLITests.run(["model", "joint", "--fit", fit.path, "--profile", scan.path, "--g2", "2025", "--g2", "2021",
                                  "--steps", "5", "--svg", svg.path, "--json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let regions = try #require(o["chi2_regions"] as? [[String: Any]])
        #expect(regions.count == 2 && regions.allSatisfy { ($0["delta_chi2"] as? Double).map { abs($0 - 4.605) < 1e-3 } == true })
        // today's g−2 pulls against the excess (large χ²_min); the 2021 value agrees with it
        let chi2 = regions.compactMap { $0["chi2_min"] as? Double }
        #expect(chi2.count == 2 && chi2[0] > 3 && chi2[1] < 1)
        #expect(try String(contentsOf: svg, encoding: .utf8).contains("joint χ² region"))
        // --profile with --mu-range is a usage error: checked in-process (OptionRuleTests)
    }

    @Test("joint refuses a fit of the flavour-universal effective moment with one line naming the field")
    func jointRefusesEffectiveMomentFit() throws {
        let dir = try CLITests.tempDir()
        let fit = dir.appendingPathComponent("fit.json")
        try Data(#"{"nmmfit_output": 2, "datasets": ["xenon1t_sr1"], "cl": 0.9, "interval_muB": [1.6e-11, 3.05e-11], "mu_nu_best_muB": 2.4e-11}"#.utf8).write(to: fit)
        let r = try CLITests.run(["model", "joint", "--fit", fit.path])
        #expect(r.status == 2 && r.stdout.isEmpty)
        #expect(r.stderr.contains("'element'") && r.stderr.contains("--element e-mu"))
        #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test("bad input: one clear line on stderr, exit 2 (data) or 64 (usage)", arguments: bad)
    func badInput(c: BadCase) throws {
        let r = try CLITests.run(c.args)
        #expect(r.status == c.code)
        #expect(r.stderr.contains(c.fragment), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }
}
