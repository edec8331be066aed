import Foundation

/// The session's idea of now: fixed when the session starts, so that one command's dates agree,
/// and given by tests.
public struct SessionClock: Sendable {
    /// The moment the session started.
    public let now: Date

    /// A clock at `now`.
    public init(now: Date = Date()) {
        self.now = now
    }

    /// This year, Western.
    public var currentWesternYear: Int {
        Calendar(identifier: .gregorian).component(.year, from: now)
    }

    /// Today as `YYYY-MM-DD`, local time.
    public var today: String {
        let components = Calendar(identifier: .gregorian).dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", components.year!, components.month!, components.day!)
    }
}
