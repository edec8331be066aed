import CasebookCore
import Testing

@Suite("IDProposal: readable ids from a title's reading")
struct IDProposalTests {
    @Test("long vowels are dropped as the seed's ids drop them; words joined by hyphens")
    func seedStyle() {
        #expect(IDProposal.id(fromReading: "kodomo shokudou nettowa^ku shien jigyou")?.rawValue == "kodomo-shokudo-nettowaku-shien-jigyo")
        #expect(IDProposal.id(fromReading: "shigen shuudan kaishuu")?.rawValue == "shigen-shudan-kaishu")
        #expect(IDProposal.id(fromReading: "obihiro no mori zukuri kyougikai")?.rawValue == "obihiro-no-mori-zukuri-kyogikai")
        #expect(IDProposal.id(fromReading: "NPO (2024)")?.rawValue == "npo-2024")
        #expect(IDProposal.id(fromReading: "「」・") == nil)
    }

    @Test("at most 48 characters, cut at a word")
    func length() throws {
        let id = try #require(IDProposal.id(fromReading: String(repeating: "abcdefghij ", count: 10)))
        #expect(id.rawValue.count <= 48)
        #expect(id.rawValue == "abcdefghij-abcdefghij-abcdefghij-abcdefghij")
    }

    @Test("a taken id gets -2, -3…")
    func unique() throws {
        let id = try #require(CaseID("shigen-shudan-kaishu"))
        let taken: Set<String> = ["shigen-shudan-kaishu", "shigen-shudan-kaishu-2"]
        #expect(IDProposal.unique(id) { taken.contains($0.rawValue) }.rawValue == "shigen-shudan-kaishu-3")
    }
}
