import Foundation
import Testing
@testable import TranscriptKit

/// Each parser claims its own layout and no other parser outbids it.
@Suite struct LayoutDetectionTests {
    static let samples: [(name: String, text: String, layout: SourceLayout)] = [
        ("event transcript", EventTranscriptFixtures.micron, .streetEventsEventTranscript),
        ("pdf", PDFLayoutTests.calix, .streetEventsPDF),
        ("headerless", HeaderlessLayoutTests.equityResidential, .streetEventsPDFHeaderless),
    ]

    @Test(arguments: 0..<3)
    func theOwnLayoutWinsOnEachSample(index: Int) {
        let sample = Self.samples[index]
        let source = SourceText(path: sample.name, text: sample.text)
        let scores = TranscriptReader.rawLayouts.map { ($0.layout, $0.confidence(source)) }
        let own = scores.first { $0.0 == sample.layout }!.1
        #expect(own > 0)
        for (layout, score) in scores where layout != sample.layout {
            #expect(score < own, "\(layout) scores \(score) against \(own) on the \(sample.name) sample")
        }
    }

    @Test func eventTranscriptConfidenceIsHighOnlyWithMarkerAndRules() {
        let parser = StreetEventsEventTranscriptParser()
        #expect(parser.confidence(SourceText(path: "a", text: EventTranscriptFixtures.micron)) == 100)
        #expect(parser.confidence(SourceText(path: "b", text: EventTranscriptFixtures.micron.replacingOccurrences(of: "=", with: "#"))) == 0)
        #expect(parser.confidence(SourceText(path: "c", text: "Event Transcript\n\nJust some text.\n")) == 0)
        #expect(parser.confidence(SourceText(path: "d", text: PDFLayoutTests.calix)) == 0)
        #expect(parser.confidence(SourceText(path: "e", text: HeaderlessLayoutTests.equityResidential)) == 0)
        #expect(parser.confidence(SourceText(path: "f", text: "")) == 0)
    }

    @Test func otherParsersStayLowOnEventTranscripts() {
        let source = SourceText(path: "et", text: EventTranscriptFixtures.micron)
        #expect(StreetEventsPDFParser().confidence(source) == 0)
        #expect(StreetEventsHeaderlessParser().confidence(source) == 0)
        // Also with the header variant some archives use.
        let refinitiv = SourceText(path: "et2", text: EventTranscriptFixtures.micron
            .replacingOccurrences(of: "Thomson Reuters StreetEvents Event Transcript", with: "REFINITIV STREETEVENTS EVENT TRANSCRIPT"))
        #expect(StreetEventsEventTranscriptParser().confidence(refinitiv) == 100)
        #expect(StreetEventsPDFParser().confidence(refinitiv) == 0)
    }
}
