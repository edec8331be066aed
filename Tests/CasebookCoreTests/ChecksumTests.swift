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
}
