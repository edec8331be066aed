import CByteSearch
import Foundation

/// Substring search over UTF-8 bytes: `find`'s first pass, run over megabytes of index text,
/// where making a string per case would cost more than the search.
public enum ByteSearch {
    /// Whether `haystack` contains `needle`.
    public static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        firstOffset(of: needle, in: haystack) != nil
    }

    /// The offset of the first occurrence of `needle` in `haystack`, or `nil` (glibc's memmem).
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let needleBase = needle.baseAddress, !needle.isEmpty else { return 0 }
        guard let base = haystack.baseAddress, haystack.count >= needle.count else { return nil }
        guard let hit = cbs_memmem(base, haystack.count, needleBase, needle.count) else { return nil }
        return hit.assumingMemoryBound(to: UInt8.self) - base
    }

    /// The offset of the first `byte` in `haystack` at or after `start`, or `nil`.
    public static func firstOffset(of byte: UInt8, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = haystack.baseAddress, start < haystack.count else { return nil }
        guard let hit = memchr(base + start, Int32(byte), haystack.count - start) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
}
