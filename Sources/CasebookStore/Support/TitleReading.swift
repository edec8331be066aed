import CasebookCore

/// The reading of a title in Latin letters, from Debian's `kakasi` (a kept dictionary, not a
/// hand-made table): what a readable id is made of.
public enum TitleReading {
    /// The romanised words of `title` (`kodomo shokudou nettowa^ku shien jigyou`), or `nil` when
    /// kakasi is not installed or gives nothing.
    public static func romanised(_ title: String, environment: [String: String]) -> String? {
        let outcome = ChildProcess.run("kakasi", ["-Ja", "-Ha", "-Ka", "-Ea", "-s", "-i", "utf8", "-o", "utf8"],
                                       environment: environment, input: Array(title.utf8))
        guard outcome.status == 0 else { return nil }
        let reading = String(decoding: outcome.output, as: UTF8.self).trimmingWhitespace()
        return reading.isEmpty ? nil : reading
    }

    /// A readable id for `title` that no case in `store` has, or `nil` when none can be made.
    public static func proposedID(for title: String, in store: CaseStore, environment: [String: String]) -> CaseID? {
        guard let reading = romanised(title, environment: environment), let id = IDProposal.id(fromReading: reading) else {
            return nil
        }
        return IDProposal.unique(id) { store.cases[$0] != nil || FileSystem.exists(store.filePath(of: $0)) }
    }
}
