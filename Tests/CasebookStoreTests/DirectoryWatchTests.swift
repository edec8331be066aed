import Foundation
import Testing
@testable import CasebookStore
#if canImport(Glibc)
import Glibc
#endif

/// `DirectoryWatch` tells of every kind of change in the directory, once, and of nothing else.
struct DirectoryWatchTests {
    @Test func everyKindOfChangeIsToldOnce() throws {
        let fixture = try StoreFixture(seedCases: 2)
        let watch = try #require(DirectoryWatch(path: fixture.path))
        #expect(watch.takeChanges() == false, "nothing happened yet")
        let names = try fixture.names()
        let first = fixture.path + "/" + names[0]

        try fixture.write("new.json", Array("{}".utf8))
        #expect(watch.takeChanges(), "a file made")
        #expect(watch.takeChanges() == false, "told once")

        // Written in place, as an editor may: same inode, nothing renamed.
        let handle = try #require(FileHandle(forUpdatingAtPath: first))
        handle.seekToEndOfFile()
        handle.write(Data(" ".utf8))
        try handle.close()
        #expect(watch.takeChanges(), "a file written in place")

        var times = [timespec(tv_sec: 1_000_000, tv_nsec: 0), timespec(tv_sec: 1_000_000, tv_nsec: 0)]
        #expect(utimensat(AT_FDCWD, first, &times, 0) == 0)
        #expect(watch.takeChanges(), "a file touched")

        #expect(rename(first, fixture.path + "/renamed.json") == 0)
        #expect(watch.takeChanges(), "a file renamed")
        #expect(unlink(fixture.path + "/new.json") == 0)
        #expect(watch.takeChanges(), "a file removed")

        // Reading is no change.
        _ = try fixture.read("renamed.json")
        #expect(watch.takeChanges() == false, "a file read")
    }

    @Test func aMissingDirectoryCannotBeWatched() {
        #expect(DirectoryWatch(path: "/nonexistent-\(UUID().uuidString)") == nil)
    }
}
