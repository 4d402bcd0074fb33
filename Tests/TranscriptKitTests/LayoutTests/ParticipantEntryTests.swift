import Foundation
import Testing
@testable import TranscriptKit

/// Participant entries read alike whether the participant speaks or not, and person keys that do not tell suffix
/// punctuation apart.
@Suite struct ParticipantEntryTests {
    typealias S = LayoutTestSupport

    /// A short call whose analysts' list is `analysts` (flattened), with George Notter speaking and, when
    /// `markSpeaks`, Mark McKechnie too.
    static func call(analysts: String, executives: String = "Carl Russo Calix, Inc. - President & CEO", markSpeaks: Bool) -> String {
        """
        THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call

        EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

        CORPORATE PARTICIPANTS

        \(executives)

        CONFERENCE CALL PARTICIPANTS

        \(analysts)

        PRESENTATION

        Operator

        Greetings.

        Carl Russo - Calix, Inc. - President & CEO

        Thank you.

        QUESTIONS AND ANSWERS

        George Notter - Jefferies & Company - Analyst

        A question?
        """ + (markSpeaks ? "\n\nMark McKechnie - Evercore ISI - Research Division - Analyst\n\nAnother question?" : "")
    }

    static let analysts = "George Notter Jefferies & Company - Analyst Mark McKechnie Evercore ISI - Research Division - Analyst Jane Roe Acme Research - Analyst"

    /// Mark McKechnie's firm holds a spaced dash. Listed but silent, his entry is read as when he speaks: the firm
    /// keeps its dash, and the entries after his are not broken up.
    @Test func aSilentParticipantsFirmWithADashStaysWhole() throws {
        let silent = try S.read(Self.call(analysts: Self.analysts, markSpeaks: false), path: "silent.txt")
        #expect(silent.participants.filter { $0.group == .analyst } == [
            Participant(name: "George Notter", affiliation: "Jefferies & Company", title: "Analyst", group: .analyst),
            Participant(name: "Mark McKechnie", affiliation: "Evercore ISI - Research Division", title: "Analyst", group: .analyst),
            Participant(name: "Jane Roe", affiliation: "Acme Research", title: "Analyst", group: .analyst),
        ])
        let speaking = try S.read(Self.call(analysts: Self.analysts, markSpeaks: true), path: "speaking.txt")
        #expect(speaking.participant(named: "Mark McKechnie") == silent.participant(named: "Mark McKechnie"))
    }

    @Test func aSilentParticipantsFirmWithTwoDashesStaysWhole() throws {
        let analysts = "George Notter Jefferies & Company - Analyst Mark McKechnie Evercore ISI - Institutional - Research Division - MD Jane Roe Acme Research - Analyst"
        let transcript = try S.read(Self.call(analysts: analysts, markSpeaks: false), path: "silent.txt")
        #expect(transcript.participant(named: "Mark McKechnie") == Participant(
            name: "Mark McKechnie", affiliation: "Evercore ISI - Institutional - Research Division", title: "MD", group: .analyst))
        #expect(transcript.participant(named: "Jane Roe")?.affiliation == "Acme Research")
    }

    /// A silent executive whose title holds a spaced dash: the firm is the call's company, as for a speaking one.
    @Test func aSilentExecutivesTitleWithADashIsSplitOffTheCompany() throws {
        let executives = "Carl Russo Calix, Inc. - President & CEO Ann Lee Calix, Inc. - SVP - Finance"
        let transcript = try S.read(Self.call(analysts: Self.analysts, executives: executives, markSpeaks: false), path: "silent.txt")
        #expect(transcript.participant(named: "Ann Lee") == Participant(name: "Ann Lee", affiliation: "Calix, Inc.", title: "SVP - Finance", group: .corporate))
    }

    /// Entries whose middle part is long enough to hold a title and the next name are still split there.
    @Test func entriesWithoutDashedFirmsAreSplitAsBefore() {
        let entries = StreetEventsPDFBody.splitUnknownEntries(
            "Jane Roe Acme Research - Analyst John Poe Widget Partners - Senior Analyst", firms: [])
        #expect(entries == [
            SpeakerLine(name: "Jane Roe", firm: "Acme Research", title: "Analyst"),
            SpeakerLine(name: "John Poe", firm: "Widget Partners", title: "Senior Analyst"),
        ])
    }

    // MARK: Person keys

    @Test(arguments: [
        ("Jane Doe, Ph.D.", "Jane Doe, PhD"),
        ("Jane Doe, Ph.D.", "Jane Doe PhD"),
        ("Ann Lee, M.D.", "Ann Lee, MD"),
        ("Ann Lee M.D.", "Ann Lee MD"),
        ("George Notter, Jr.", "George Notter Jr"),
        ("Jane Doe, Ph.D., CFA", "Jane Doe, PhD, CFA"),
        ("José García, Ph.D.", "JOSE GARCIA, PHD"),
    ])
    func suffixPunctuationDoesNotChangeTheKey(a: String, b: String) {
        #expect(PersonName.key(a) == PersonName.key(b))
    }

    @Test func suffixesAndInitialsStillCount() {
        #expect(PersonName.key("Jane Doe, Ph.D.") == "jane-doe-phd")
        #expect(PersonName.key("Jane Doe") != PersonName.key("Jane Doe, Ph.D."))
        // Initials keep their periods' place: "J.P." is two initials, as "J. P." is.
        #expect(PersonName.key("J.P. Smith") == PersonName.key("J. P. Smith"))
        #expect(PersonName.key("Michael J. Fox") == "michael-j-fox")
        #expect(PersonName.key("M.D.") == "m-d")
    }
}
