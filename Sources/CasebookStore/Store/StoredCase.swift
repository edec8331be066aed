import CasebookCore

/// A case as the store holds it: its sheet and what the file held when it was read.
public struct StoredCase: Sendable {
    /// The case's id.
    public var id: CaseID
    /// The sheet as last read or saved.
    public var sheet: CaseSheet
    /// The file's bytes when last read or written: a save checks the file still holds them.
    public var bytesOnDisk: [UInt8]
    /// The `schema` of the file; greater than this casebook's means read-only.
    public var schemaVersion: Int

    /// Whether a newer casebook wrote the file, so this one must not rewrite it.
    public var isReadOnly: Bool { schemaVersion > SheetCodec.schemaVersion }
}
