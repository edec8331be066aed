/// A 64-bit checksum, thirty-two bytes a step: of a whole cache file, so that verifying the index costs
/// one quick pass over bytes that are read anyway, and of each case file's content, which the index
/// keeps (a scan of 10,000 files hashes 30 MB; a byte a step took a tenth of a first `list`).
/// Not for security: it only has to notice a file that was cut short, lost or changed a byte, or
/// was written by something else.
public enum Checksum {
    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        // Four lanes of eight bytes each, mixed on their own so that the processor runs them side by
        // side (the index of 10,000 cases is 50 MB, checksummed as it is written and as it is read),
        // then folded together with the rest.
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (seed, seed &+ 0x6A09_E667_F3BC_C909, seed &+ 0xBB67_AE85_84CA_A73B, seed &+ 0x3C6E_F372_FE94_F82B)
        @inline(__always) func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
            let mixed = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            return mixed ^ (mixed >> 29)
        }
        var offset = 0
        while offset + 32 <= bytes.count {
            lanes.0 = mix(lanes.0, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            lanes.1 = mix(lanes.1, bytes.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            lanes.2 = mix(lanes.2, bytes.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            lanes.3 = mix(lanes.3, bytes.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        var hash = mix(mix(mix(lanes.0, lanes.1), lanes.2), lanes.3)
        while offset + 8 <= bytes.count {
            hash = mix(hash, bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 32)
    }

    /// A checksum of bytes given in pieces, as a file is written: the pieces' boundaries make no
    /// difference. (Not `of` of them all: that is seeded with their length, known only at the end.)
    public struct Stream: Sendable {
        private var lanes: (UInt64, UInt64, UInt64, UInt64)
        /// The bytes after the last whole step of 32, fewer than 32, in the order given.
        private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        private var pendingCount = 0
        private var count = 0

        public init() {
            let seed: UInt64 = 0x9E37_79B9_7F4A_7C15
            lanes = (seed, seed &+ 0x6A09_E667_F3BC_C909, seed &+ 0xBB67_AE85_84CA_A73B, seed &+ 0x3C6E_F372_FE94_F82B)
        }

        /// Adds the next piece.
        public mutating func add(_ bytes: UnsafeRawBufferPointer) {
            guard let base = bytes.baseAddress, bytes.count > 0 else { return }
            count += bytes.count
            var offset = 0
            if pendingCount > 0 {
                offset = min(32 - pendingCount, bytes.count)
                let start = pendingCount
                withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: start).copyMemory(from: base, byteCount: offset) }
                pendingCount += offset
                guard pendingCount == 32 else { return }
                let whole = pending
                withUnsafeBytes(of: whole) { steps(over: $0, upTo: 32) }
                pendingCount = 0
            }
            let end = offset + (bytes.count - offset) / 32 * 32
            if end > offset { steps(over: UnsafeRawBufferPointer(rebasing: bytes[offset..<end]), upTo: end - offset) }
            if end < bytes.count {
                pendingCount = bytes.count - end
                withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: base + end, byteCount: bytes.count - end) }
            }
        }

        /// The checksum of every byte added so far.
        public var value: UInt64 {
            var hash = Checksum.mix(Checksum.mix(Checksum.mix(lanes.0, lanes.1), lanes.2), lanes.3)
            withUnsafeBytes(of: pending) { rest in
                var offset = 0
                while offset + 8 <= pendingCount {
                    hash = Checksum.mix(hash, rest.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
                    offset += 8
                }
                var tail: UInt64 = 0
                var shift: UInt64 = 0
                while offset < pendingCount {
                    tail |= UInt64(rest[offset]) << shift
                    shift += 8
                    offset += 1
                }
                hash = (hash ^ tail) &* 0xC4CE_B9FE_1A85_EC53
            }
            hash = Checksum.mix(hash, UInt64(count))
            return hash ^ (hash >> 32)
        }

        /// The four lanes over `bytes`, 32 a step, up to `end` (a multiple of 32).
        private mutating func steps(over bytes: UnsafeRawBufferPointer, upTo end: Int) {
            lanes = Checksum.steps(lanes.0, lanes.1, lanes.2, lanes.3, over: bytes.baseAddress!, upTo: end)
        }
    }

    /// Four lanes carried over 32-byte steps of `base` up to `end`. Not inlined, its lanes
    /// passed one by one: in a loop over lanes kept in memory side by side, the compiler packs two
    /// into a vector register, and SSE2 has no 64-bit multiply (that ran at a third of the speed).
    @inline(never)
    static func steps(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64, over base: UnsafeRawPointer,
                      upTo end: Int) -> (UInt64, UInt64, UInt64, UInt64) {
        var (a, b, c, d) = (a, b, c, d)
        var offset = 0
        while offset < end {
            a = mix(a, base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            b = mix(b, base.loadUnaligned(fromByteOffset: offset + 8, as: UInt64.self))
            c = mix(c, base.loadUnaligned(fromByteOffset: offset + 16, as: UInt64.self))
            d = mix(d, base.loadUnaligned(fromByteOffset: offset + 24, as: UInt64.self))
            offset += 32
        }
        return (a, b, c, d)
    }

    @inline(__always)
    static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let mixed = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
        return mixed ^ (mixed >> 29)
    }

    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        of(UnsafeRawBufferPointer(bytes))
    }

    /// The checksum of `bytes`.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }
}
