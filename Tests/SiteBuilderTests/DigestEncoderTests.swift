import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// `DigestEncoder`: equal values digest alike, and any difference in a key, a value or the shape changes the digest.
@Suite("Digest encoder")
struct DigestEncoderTests {
    struct Inner: Encodable { var b: Int? }
    struct Outer: Encodable {
        var a: [Inner]
        var b: Int?
        var name: String
        var date: Date?
        var flags: [Bool]
    }

    @Test func equalValuesDigestAlikeAndEveryChangeShows() throws {
        let base = Outer(a: [Inner(b: 2)], b: nil, name: "Acme", date: Date(timeIntervalSince1970: 1_351_197_000), flags: [true, false])
        #expect(try DigestEncoder.digest(base) == DigestEncoder.digest(base))
        var variants: [Outer] = []
        var changed = base; changed.name = "Acme Corp."; variants.append(changed)
        changed = base; changed.a[0].b = 3; variants.append(changed)
        changed = base; changed.a.append(Inner(b: nil)); variants.append(changed)
        changed = base; changed.date = nil; variants.append(changed)
        changed = base; changed.date = Date(timeIntervalSince1970: 1_351_197_001); variants.append(changed)
        changed = base; changed.flags = [false, true]; variants.append(changed)
        changed = base; changed.b = 0; variants.append(changed)
        // The same keys and values in another tree: b inside the array's element, or beside the array.
        let inside = Outer(a: [Inner(b: 2)], b: nil, name: "x", date: nil, flags: [])
        let beside = Outer(a: [Inner(b: nil)], b: 2, name: "x", date: nil, flags: [])
        variants += [inside, beside]
        let digests = try [base].plus(variants).map(DigestEncoder.digest)
        #expect(Set(digests).count == digests.count)
        #expect(try DigestEncoder.digest(["1"]) != DigestEncoder.digest([1]))
        #expect(try DigestEncoder.digest([["a"], ["b"]]) != DigestEncoder.digest([["a", "b"]]))
    }

    @Test func aTranscriptsJSONRecordChangesItsDigestWithItsParticipants() throws {
        func record(_ firm: String, text: String = "Revenue grew.") throws -> DataExport.CallRecord {
            let source = "Content/acme.txt"
            let raw = pdfTranscript(ceoSays: text).replacingOccurrences(of: "Big Bank", with: firm)
            let index = SiteIndex(calls: [(source, try TranscriptReader.standard.read(data: Data(raw.utf8), path: source))], config: .defaults)
            return DataExport.CallRecord(index: index, call: 0, baseURL: nil)
        }
        #expect(try DigestEncoder.digest(record("Big Bank")) == DigestEncoder.digest(record("Big Bank", text: "Revenue fell.")),
                "the record holds no text")
        #expect(try DigestEncoder.digest(record("Big Bank")) != DigestEncoder.digest(record("Small Bank")))
    }
}

private extension Array {
    func plus(_ other: [Element]) -> [Element] { self + other }
}
