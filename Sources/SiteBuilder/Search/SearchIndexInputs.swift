import Foundation

/// What the "search" step indexes: per call its facts (``SearchIndexCache/CallFacts``) and, when the shard files must
/// be encoded, the merged postings of every call.
///
/// Without a usable cache every call's tokens are read (from the store's token files, or tokenized) and merged in site
/// order. With the last build's record, only the calls it did not have are read; when their tokens leave every call's
/// tokens as they were the postings are not needed at all (the shard files are kept), and otherwise the stored
/// postings are patched: the calls that are gone or changed leave, the new ones are merged in.
struct SearchIndexInputs {
    /// The build's calls and transcripts.
    let contexts: PageContexts
    /// The cache's files, if the build keeps a cache.
    let cache: SearchIndexCache?
    /// How many calls are read at once.
    let parallelism: Int
    /// The last build's record, when there is one and it agrees with this build's calls.
    private(set) var previous: SearchIndexCache.Calls?
    /// Per call, in site order (after ``gather()``).
    private(set) var facts: [SearchIndexCache.CallFacts] = []
    /// The merged postings, once made or read.
    private(set) var builder: SearchIndexBuilder?
    /// Whether the postings file already holds `builder`.
    private var builderIsStored = false

    /// Inputs for the calls of `contexts`.
    init(contexts: PageContexts, cache: SearchIndexCache?, parallelism: Int) {
        self.contexts = contexts
        self.cache = cache
        self.parallelism = parallelism
    }

    /// The most calls a rebuild reads tokens for before it reads them all instead: patching holds their tokens in
    /// memory at once.
    private var patchLimit: Int { max(64, contexts.index.calls.count / 4) }

    /// Finds every call's facts: from the last build's record for the calls it had, else from their tokens. Patches
    /// the stored postings when the tokens changed; reads every call when there is no usable record.
    mutating func gather() async throws {
        let calls = contexts.index.calls
        guard let cache, let previous = cache.readCalls() else { return try await buildFromTokens() }
        var oldPosition: [ContentDigest: Int] = [:]
        for (position, call) in previous.calls.enumerated() where oldPosition[call.source] == nil {
            oldPosition[call.source] = position
        }
        var missing: [Int] = []
        for (position, call) in calls.enumerated() {
            if let old = oldPosition[call.digest] {
                guard previous.calls[old].paragraphs == call.paragraphCounts.reduce(0, +) else { return try await buildFromTokens() }
            } else {
                missing.append(position)
            }
        }
        guard missing.count <= patchLimit else { return try await buildFromTokens() }
        self.previous = previous
        let contexts = contexts
        let read = try await concurrentMap(missing, width: parallelism) { _, position in
            let tokens = try contexts.searchTokens(of: position)
            return (tokens.call, SearchIndexCache.CallFacts(source: contexts.index.calls[position].digest, call: tokens.call, textBytes: tokens.textBytes))
        }
        var added: [Int: TokenizedCall] = [:]
        for (position, (call, _)) in zip(missing, read) { added[position] = call }
        var readFacts = read.map(\.1).makeIterator()
        facts = calls.map { call in oldPosition[call.digest].map { previous.calls[$0] } ?? readFacts.next()! }
        guard SearchIndexCache.tokensKey(facts) != previous.tokensKey else { return }

        var oldFirst: [Int] = []
        var oldDocuments = 0
        for call in previous.calls {
            oldFirst.append(oldDocuments)
            oldDocuments += call.paragraphs
        }
        guard var patched = cache.readPostings(tokensKey: previous.tokensKey), patched.documentCount == oldDocuments else {
            return try await buildFromTokens()
        }
        let segments = calls.indices.map { position -> SearchIndexBuilder.Segment in
            if let call = added[position] { return .added(call) }
            let old = oldPosition[calls[position].digest]!
            return .reused(first: oldFirst[old], count: previous.calls[old].paragraphs)
        }
        added = [:]
        guard try await patched.patch(segments, parallelism: parallelism) else { return try await buildFromTokens() }
        builder = patched
    }

    /// The merged postings: made or patched by ``gather()``, else read from the cache when it holds those of these
    /// calls' tokens, else made from every call's tokens.
    mutating func loadBuilder() async throws -> SearchIndexBuilder {
        if let builder { return builder }
        if let stored = cache?.readPostings(tokensKey: SearchIndexCache.tokensKey(facts)),
           stored.documentCount == facts.reduce(0, { $0 + $1.paragraphs }), stored.isConsistent() {
            builder = stored
            builderIsStored = true
            return stored
        }
        try await buildFromTokens()
        return builder!
    }

    /// Records the calls and the files written, and the postings when the cache does not hold them yet; a cache that
    /// cannot be written is left as it is (the next build then reads every call again).
    func save(_ calls: SearchIndexCache.Calls, tokensKey: ContentDigest) {
        guard let cache else { return }
        if let builder, !builderIsStored {
            guard (try? cache.writePostings(builder, tokensKey: tokensKey)) != nil else { return }
        }
        if calls != previous { try? cache.writeCalls(calls) }
    }

    /// Drops the postings (the chunks are written without them).
    mutating func release() {
        builder = nil
    }

    /// Reads every call's tokens, a batch at a time on all cores, and merges them in site order.
    private mutating func buildFromTokens() async throws {
        let calls = contexts.index.calls
        let contexts = contexts
        var builder = SearchIndexBuilder()
        var facts: [SearchIndexCache.CallFacts] = []
        facts.reserveCapacity(calls.count)
        let batch = max(parallelism * 8, 32)
        var start = 0
        while start < calls.count {
            let positions = Array(start..<min(start + batch, calls.count))
            let read = try await concurrentMap(positions, width: parallelism) { _, position in
                let tokens = try contexts.searchTokens(of: position)
                return (tokens.call, SearchIndexCache.CallFacts(source: calls[position].digest, call: tokens.call, textBytes: tokens.textBytes))
            }
            for (call, callFacts) in read {
                builder.add(call)
                facts.append(callFacts)
            }
            start += batch
        }
        self.facts = facts
        self.builder = builder
        builderIsStored = false
        previous = nil
    }
}
