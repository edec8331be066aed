import Testing
@testable import CasebookCore

/// The checksum notices what a cache file or a case file may suffer: a byte changed, bytes cut
/// off or added, words moved between its lanes.
struct ChecksumTests {
    @Test func everyOneByteChangeAndEveryCutIsNoticed() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let sum = Checksum.of(bytes)
            #expect(Checksum.of(bytes) == sum)
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x01
                if Checksum.of(changed) == sum { Issue.record("length \(length), byte \(position)") }
            }
            if length > 0 && Checksum.of(Array(bytes.dropLast())) == sum { Issue.record("cut to \(length - 1)") }
            if Checksum.of(bytes + [0]) == sum { Issue.record("a zero byte added to \(length)") }
        }
    }

    @Test func wordsMovedBetweenLanesAreNoticed() {
        let words: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]
        let bytes = words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> ($0 * 8)) } }
        let swapped = Array(bytes[8..<16] + bytes[0..<8] + bytes[16...])
        let nextBlock = Array(bytes[32..<40] + bytes[8..<32] + bytes[0..<8] + bytes[40...])
        #expect(Checksum.of(swapped) != Checksum.of(bytes))
        #expect(Checksum.of(nextBlock) != Checksum.of(bytes))
    }

    /// The stream's value of some bytes, given in pieces cut at `cuts`.
    private func streamed(_ bytes: [UInt8], cutAt cuts: [Int]) -> UInt64 {
        var stream = Checksum.Stream()
        var start = 0
        for cut in cuts.sorted() + [bytes.count] {
            bytes[start..<cut].withUnsafeBytes { stream.add($0) }
            start = cut
        }
        return stream.value
    }

    @Test func aStreamGivesOneValueHoweverItsBytesAreCut() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 7, 8, 31, 32, 33, 63, 64, 65, 100, 1000, 4099] {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let whole = streamed(bytes, cutAt: [])
            for _ in 0..<20 {
                let cuts = (0..<Int.random(in: 1...12, using: &generator)).map { _ in Int.random(in: 0...length, using: &generator) }
                if streamed(bytes, cutAt: cuts) != whole { Issue.record("length \(length), cut at \(cuts.sorted())") }
            }
        }
    }

    @Test func aStreamNoticesEveryOneByteChangeAndEveryCut() {
        var generator = SystemRandomNumberGenerator()
        for length in 0...100 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let sum = streamed(bytes, cutAt: [length / 3])
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x01
                if streamed(changed, cutAt: [length / 2]) == sum { Issue.record("length \(length), byte \(position)") }
            }
            if length > 0 && streamed(Array(bytes.dropLast()), cutAt: []) == sum { Issue.record("cut to \(length - 1)") }
            if streamed(bytes + [0], cutAt: []) == sum { Issue.record("a zero byte added to \(length)") }
        }
    }
}
