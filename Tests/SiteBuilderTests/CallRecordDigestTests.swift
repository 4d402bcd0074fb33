import Foundation
import Testing
import TranscriptKit
@testable import SiteBuilder

/// `DataExport.CallRecord.digest()`, which decides whether `data/transcripts.json` is written again: equal records
/// digest alike, and a change to any field the record encodes changes the digest.
@Suite("transcripts.json record digest")
struct CallRecordDigestTests {
    private func record(_ firm: String = "Big Bank", text: String = "Revenue grew.") throws -> DataExport.CallRecord {
        let source = "Content/acme.txt"
        let raw = pdfTranscript(ceoSays: text).replacingOccurrences(of: "Big Bank", with: firm)
        let index = SiteIndex(calls: [(source, try TranscriptReader.standard.read(data: Data(raw.utf8), path: source))], config: .defaults)
        return DataExport.CallRecord(index: index, call: 0, baseURL: nil)
    }

    @Test func aRecordChangesItsDigestWithItsParticipantsNotWithTheText() throws {
        #expect(try record().digest() == record(text: "Revenue fell.").digest(), "the record holds no text")
        #expect(try record().digest() != record("Small Bank").digest())
    }

    @Test func everyEncodedFieldShowsInTheDigest() throws {
        let base = try record()
        var variants: [DataExport.CallRecord] = []
        var changed = base; changed.company = "Acme Holdings"; variants.append(changed)
        changed = base; changed.ticker = changed.ticker == nil ? "ACME" : nil; variants.append(changed)
        changed = base; changed.title += " (corrected)"; variants.append(changed)
        changed = base; changed.kind = changed.kind == .other ? .earningsCall : .other; variants.append(changed)
        changed = base; changed.fiscalPeriod = FiscalPeriod(year: 1999, quarter: 1); variants.append(changed)
        changed = base; changed.quarter = "Q1 1999"; variants.append(changed)
        changed = base; changed.date = Date(timeIntervalSince1970: 1); variants.append(changed)
        changed = base; changed.date = nil; variants.append(changed)
        changed = base; changed.url += "x/"; variants.append(changed)
        changed = base; changed.data += ".old"; variants.append(changed)
        changed = base; changed.participants.removeLast(); variants.append(changed)
        changed = base; changed.participants[0].url = "speakers/someone-else/"; variants.append(changed)
        changed = base; changed.participants[0].participant.title = "Chief Everything Officer"; variants.append(changed)
        changed = base; changed.participants[0].participant.affiliation = nil; variants.append(changed)
        for (number, variant) in variants.enumerated() {
            #expect(variant.digest() != base.digest(), "variant \(number)")
        }
        let digests = [base.digest()] + variants.map { $0.digest() }
        #expect(Set(digests).count == digests.count)
    }
}
