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

    /// The checksum of `bytes`.
    public static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        of(UnsafeRawBufferPointer(bytes))
    }

    /// The checksum of `bytes`.
    public static func of(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { of($0) }
    }
}
