import Foundation
import TranscriptKit
import TranscriptMarkdown

/// The build step "transcripts": every source read once, on all cores, into a `CallRecord`, its full transcript put in
/// the store; a source whose stamp (or, when touched, whose bytes) match the last build is not parsed again.
enum TranscriptsStep {
    /// A source's record, with its entry in the cache's records when it is the recorded record unchanged (the records
    /// written after this build then hold the same bytes).
    struct Read: Sendable {
        var record: CallRecord
        var earlier: CacheManifest.Source?
    }

    /// The record of each source, or why it was skipped, in the order of `sources`.
    static func read(_ sources: [(URL, String)], cache: BuildCache, fingerprint: SourceFingerprint,
                     parallelism: Int) async throws -> [Result<Read, TranscriptReadError>] {
        let reader = TranscriptReader.withMarkdown
        let store = cache.store
        let previous = cache.previous
        return try await concurrentMap(sources, width: parallelism) { _, source -> Result<Read, TranscriptReadError> in
            let (url, display) = source
            let earlier = previous?.sources[display]
            if let earlier, let stamp = fingerprint.files[display], earlier.stamp == stamp, store.contains(earlier.digest),
               let record = try? earlier.record() {
                return .success(Read(record: record, earlier: earlier))
            }
            let data: Data
            do { data = try Data(contentsOf: url) } catch {
                return .failure(TranscriptReadError(Diagnostic(.error, file: display, "cannot read the file: \(error.localizedDescription)")))
            }
            let digest = data.withUnsafeBytes { ContentDigest.source($0, path: display) }
            if let earlier, earlier.digest == digest, store.contains(digest), let record = try? earlier.record() {
                return .success(Read(record: record, earlier: earlier))
            }
            let transcript: Transcript
            do throws(TranscriptReadError) {
                transcript = try reader.read(data: data, path: display, hints: .fromFileName(display))
            } catch {
                return .failure(error)
            }
            try store.put(transcript, digest: digest)
            return .success(Read(record: CallRecord(source: display, digest: digest, transcript: transcript), earlier: nil))
        }
    }
}
