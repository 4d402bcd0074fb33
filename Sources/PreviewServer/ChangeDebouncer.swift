import SiteBuilder

/// Turns a series of input fingerprints into rebuild decisions: a burst of changes gives one rebuild.
///
/// A change starts a wait; every further change restarts it. The rebuild comes once the inputs have been still for the
/// quiet period, or once the first change is `maximumDelay` old, so a file that never stops changing still gets built.
struct ChangeDebouncer {
    /// What the watcher should do after a look at the inputs.
    enum Decision: Equatable {
        /// Nothing changed since the last build.
        case idle
        /// Something changed and the inputs are not still yet: look again soon.
        case waiting
        /// Rebuild now; these paths changed (a change undone before the rebuild gives `idle`).
        case rebuild(changed: [String])
    }

    /// How long the inputs must stay unchanged before a rebuild.
    let quietPeriod: Duration
    /// The longest a change waits for the inputs to be still.
    let maximumDelay: Duration
    /// The inputs as the last rebuild saw them.
    private(set) var settled: SourceFingerprint
    private var pending: (fingerprint: SourceFingerprint, firstChange: ContinuousClock.Instant, lastChange: ContinuousClock.Instant)?

    init(initial: SourceFingerprint, quietPeriod: Duration, maximumDelay: Duration) {
        settled = initial
        self.quietPeriod = quietPeriod
        self.maximumDelay = maximumDelay
    }

    /// Whether a change is waiting for the inputs to be still.
    var isWaiting: Bool { pending != nil }

    /// Takes the inputs as seen at `now` and decides.
    mutating func observe(_ fingerprint: SourceFingerprint, at now: ContinuousClock.Instant) -> Decision {
        guard var current = pending else {
            if fingerprint == settled { return .idle }
            pending = (fingerprint, now, now)
            return .waiting
        }
        if fingerprint != current.fingerprint {
            current.fingerprint = fingerprint
            current.lastChange = now
        }
        pending = current
        guard now - current.lastChange >= quietPeriod || now - current.firstChange >= maximumDelay else { return .waiting }
        let changed = current.fingerprint.changedPaths(since: settled)
        settled = current.fingerprint
        pending = nil
        return changed.isEmpty ? .idle : .rebuild(changed: changed)
    }
}
