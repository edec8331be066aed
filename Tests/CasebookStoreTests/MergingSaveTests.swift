import CasebookCore
import Foundation
import Testing
@testable import CasebookStore

/// A save when the file changed since it was read: merged field by field, refused on a conflict,
/// under a lock that a killed process never leaves behind (issue 10, SPEC §2.2, §8).
struct MergingSaveTests {
    /// A store of one seed case, and a second store on the same directory standing for another process.
    static func twoWriters() throws -> (StoreFixture, CaseStore, CaseStore, CaseID) {
        let fixture = try StoreFixture(seedCases: 2)
        let mine = try CaseStore(path: fixture.path, useIndex: false)
        let other = try CaseStore(path: fixture.path, useIndex: false)
        let id = mine.ids[0]
        return (fixture, mine, other, id)
    }

    @Test func anOutsideChangeToAnotherFieldIsMergedAndNamed() throws {
        let (fixture, mine, other, id) = try Self.twoWriters()
        var edit = mine.cases[id]!.sheet
        // Same size, same clock tick: the content decides, not the modification time.
        var outside = other.cases[id]!.sheet
        outside.form = "共催"
        try other.save(outside, as: id)
        edit.points.append("私の編集")
        let outcome = try mine.save(edit, as: id)
        #expect(outcome.wrote)
        #expect(outcome.fromFile == [.form])
        let onDisk = try CaseStore(path: fixture.path, useIndex: false).cases[id]!.sheet
        #expect(onDisk.form == "共催")
        #expect(onDisk.points.last == "私の編集")
        #expect(outcome.stored.sheet == onDisk)
    }

    @Test func aConflictIsRefusedLeavingTheFileAndForceKeepsTheirOtherChanges() throws {
        let (fixture, mine, other, id) = try Self.twoWriters()
        var edit = mine.cases[id]!.sheet
        var outside = other.cases[id]!.sheet
        outside.title = "外で直した題名"
        outside.form = "共催"
        try other.save(outside, as: id)
        let before = try fixture.read(id.fileName)
        edit.title = "私の題名"
        #expect {
            try mine.save(edit, as: id)
        } throws: { error in
            guard case SaveError.conflict(id, let conflicts) = error else { return false }
            return conflicts.map(\.subject) == [.field(.title)]
        }
        #expect(try fixture.read(id.fileName) == before)
        // The same edit saved again is refused again: the base travels with the sheet.
        #expect(throws: SaveError.self) { try mine.save(edit, as: id) }
        #expect(try fixture.read(id.fileName) == before)
        let forced = try mine.save(edit, as: id, force: true)
        #expect(forced.overwritten.map(\.subject) == [.field(.title)])
        let onDisk = try CaseStore(path: fixture.path, useIndex: false).cases[id]!.sheet
        #expect(onDisk.title == "私の題名")
        #expect(onDisk.form == "共催", "force overwrites only the conflicting field")
    }

    @Test func aFileThatBecameUnreadableIsNeverOverwritten() throws {
        let (fixture, mine, _, id) = try Self.twoWriters()
        var edit = mine.cases[id]!.sheet
        edit.title = "私の題名"
        let broken = Array("<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> theirs\n".utf8)
        try fixture.write(id.fileName, broken)
        #expect(throws: SaveError.unreadableOnDisk(id, .conflicted)) { try mine.save(edit, as: id, force: true) }
        #expect(try fixture.read(id.fileName) == broken)
        try FileManager.default.removeItem(atPath: fixture.path + "/" + id.fileName)
        #expect(throws: SaveError.deletedOnDisk(id)) { try mine.save(edit, as: id) }
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "/" + id.fileName))
    }

    @Test(.timeLimit(.minutes(1)))
    func theLockIsTheStoreDirectoryAndAKilledHolderLeavesNothing() throws {
        let (fixture, mine, _, id) = try Self.twoWriters()
        let namesBefore = try fixture.names()
        // Another process holds the lock (flock on the store directory, as casebook takes it): the
        // shell opens the directory as descriptor 9, locks it, and becomes `sleep`, which keeps it.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9<\"$1\"; flock 9; echo held; exec sleep 30", "sh", fixture.path]
        let pipe = Pipe()
        holder.standardOutput = pipe
        try holder.run()
        _ = pipe.fileHandleForReading.availableData
        mine.lockTimeout = 0.3
        var edit = mine.cases[id]!.sheet
        edit.title = "ロック中"
        #expect {
            try mine.save(edit, as: id)
        } throws: { error in
            guard case SaveError.system(id, let system) = error else { return false }
            return system.operation == "flock" && system.code == ETIMEDOUT
        }
        kill(holder.processIdentifier, SIGKILL)
        holder.waitUntilExit()
        try mine.save(edit, as: id)
        #expect(try CaseStore(path: fixture.path, useIndex: false).cases[id]!.sheet.title == "ロック中")
        #expect(try fixture.names() == namesBefore, "no lock file, no temporary file is left in the store")
    }
}
