import Foundation
import Testing
@testable import TranscriptKit

/// Speaker lines and participant entries as exporters write them besides the reference's `Name - Firm - Title`:
/// other dashes, labels, punctuation and name suffixes; and the prose that must not be taken for them.
@Suite struct SpeakerLineTests {
    typealias S = LayoutTestSupport
    typealias F = EventTranscriptFixtures

    /// A short PDF-text call whose participant lists and speaker lines use `dash` between name, firm and title.
    /// The analyst's firm holds a dash of its own ("Evercore ISI - Research Division").
    static func pdfCall(dash: String) -> String {
        """
        THOMSON REUTERS STREETEVENTS **EDITED TRANSCRIPT** CALX - Q3 2012 Calix, Inc. Earnings Conference Call

        EVENT DATE/TIME: OCTOBER 25, 2012 / 8:30PM GMT

        CORPORATE PARTICIPANTS

        Carl Russo Calix, Inc. \(dash) President & CEO Michael Ashby Calix, Inc. \(dash) EVP & CFO

        CONFERENCE CALL PARTICIPANTS

        Mark McKechnie Evercore ISI \(dash) Research Division \(dash) Analyst

        PRESENTATION

        Operator

        Greetings, and welcome to the Calix third quarter conference call.

        Carl Russo \(dash) Calix, Inc. \(dash) President & CEO

        Thank you. Michael will review the numbers.

        Michael Ashby \(dash) Calix, Inc. \(dash) EVP & CFO

        Revenue for the quarter was $81.3 million.

        QUESTIONS AND ANSWERS

        Operator

        Our first question comes from Mark McKechnie of Evercore.

        Mark McKechnie \(dash) Evercore ISI \(dash) Research Division \(dash) Analyst

        What is the net impact of ICC reform?

        Carl Russo \(dash) Calix, Inc. \(dash) President & CEO

        I think it is neutral.
        """
    }

    static let pdfTurns = [
        Turn(speaker: "Operator", paragraphs: ["Greetings, and welcome to the Calix third quarter conference call."]),
        Turn(speaker: "Carl Russo", paragraphs: ["Thank you. Michael will review the numbers."]),
        Turn(speaker: "Michael Ashby", paragraphs: ["Revenue for the quarter was $81.3 million."]),
        Turn(speaker: "Operator", paragraphs: ["Our first question comes from Mark McKechnie of Evercore."]),
        Turn(speaker: "Mark McKechnie", paragraphs: ["What is the net impact of ICC reform?"]),
        Turn(speaker: "Carl Russo", paragraphs: ["I think it is neutral."]),
    ]

    /// Every dash exporters write between the parts: hyphen, typewriter dash, en and em dash, and the rarer ones.
    static let dashes = ["-", "--", "\u{2013}", "\u{2014}", "\u{2010}", "\u{2012}", "\u{2015}", "\u{2212}"]

    // MARK: Dashes

    @Test(arguments: dashes)
    func speakerLinesAndFlattenedListsReadWithAnyDash(dash: String) throws {
        let transcript = try S.read(Self.pdfCall(dash: dash), path: "dash.txt")
        #expect(transcript.turns == Self.pdfTurns)
        #expect(transcript.participants == [
            Participant(name: "Carl Russo", affiliation: "Calix, Inc.", title: "President & CEO", group: .corporate),
            Participant(name: "Michael Ashby", affiliation: "Calix, Inc.", title: "EVP & CFO", group: .corporate),
            // The firm's own dash is kept as written.
            Participant(name: "Mark McKechnie", affiliation: "Evercore ISI \(dash) Research Division", title: "Analyst", group: .analyst),
            Participant(name: "Operator", group: .operator),
        ])
        #expect(transcript.warnings.isEmpty)
    }

    @Test func speakerLinesMayMixDashes() throws {
        let text = Self.pdfCall(dash: "-")
            .replacingOccurrences(of: "Carl Russo - Calix, Inc. - President", with: "Carl Russo \u{2013} Calix, Inc. - President")
            .replacingOccurrences(of: "Michael Ashby - Calix, Inc. - EVP", with: "Michael Ashby \u{2014} Calix, Inc. \u{2013} EVP")
        let transcript = try S.read(text, path: "mixed.txt")
        #expect(transcript.turns == Self.pdfTurns)
        #expect(transcript.warnings.isEmpty)
    }

    @Test func windows1252DashBytesReadAsDashes() throws {
        // 0x96 and 0x97 are the en and em dash in Windows-1252, and 0x92 its right single quotation mark.
        var bytes: [UInt8] = []
        for scalar in Self.pdfCall(dash: "\u{2013}").replacingOccurrences(of: "Michael Ashby \u{2013}", with: "Michael Ashby \u{2014}")
            .replacingOccurrences(of: "think it", with: "don\u{2019}t think it").unicodeScalars {
            switch scalar {
            case "\u{2013}": bytes.append(0x96)
            case "\u{2014}": bytes.append(0x97)
            case "\u{2019}": bytes.append(0x92)
            default: bytes.append(UInt8(scalar.value))
            }
        }
        let transcript = try TranscriptReader.standard.read(data: Data(bytes), path: "cp1252.txt")
        #expect(transcript.warnings.map(\.message) == ["the file is not valid UTF-8; read it as Windows-1252"])
        var expected = Self.pdfTurns
        expected[5].paragraphs = ["I don\u{2019}t think it is neutral."]
        #expect(transcript.turns == expected)
        #expect(transcript.participant(named: "Michael Ashby")?.title == "EVP & CFO")
    }

    @Test(arguments: ["\u{2013}", "\u{2014}", "--"])
    func nameLineAndFirmTitleLineReadWithAnyDash(dash: String) throws {
        let text = """
            CORPORATE PARTICIPANTS

            Marty McKenna
            Equity Residential \(dash) First Vice President of Investor and Public Relations
            Mark J. Parrell
            Equity Residential \(dash) President, CEO & Trustee

            CONFERENCE CALL PARTICIPANTS

            John Pitzer
            \(dash)

            PRESENTATION

            Operator

            Good day, and welcome to the call.

            Marty McKenna
            Equity Residential \(dash) First Vice President of Investor and Public Relations

            Thanks, Operator.

            Mark J. Parrell
            Equity Residential \(dash) President, CEO & Trustee

            Thank you, Marty.

            John Pitzer
            \(dash)

            One question on expenses.
            """
        let transcript = try S.read(text, path: "headerless.txt")
        #expect(transcript.layout == .streetEventsPDFHeaderless)
        #expect(transcript.participants == [
            Participant(name: "Marty McKenna", affiliation: "Equity Residential", title: "First Vice President of Investor and Public Relations", group: .corporate),
            Participant(name: "Mark J. Parrell", affiliation: "Equity Residential", title: "President, CEO & Trustee", group: .corporate),
            Participant(name: "John Pitzer", group: .analyst),
            Participant(name: "Operator", group: .operator),
        ])
        #expect(transcript.turns.map(\.speaker) == ["Operator", "Marty McKenna", "Mark J. Parrell", "John Pitzer"])
        #expect(transcript.turns.map(\.paragraphs) == [
            ["Good day, and welcome to the call."], ["Thanks, Operator."], ["Thank you, Marty."], ["One question on expenses."],
        ])
    }

    @Test(arguments: ["\u{2013}", "\u{2014}", "--"])
    func eventTranscriptSpeakerLinesAndEntriesReadWithAnyDash(dash: String) throws {
        let participants = """
             * Jane Roe
               Acme Widgets Corp \(dash) CEO
             * Richard Poe
               Acme Widgets Corp \(dash) CFO
            """
        let body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome.")
            + F.turn("Jane Roe,  Acme Widgets Corp \(dash) CEO    [2]", " Thank you.")
            + F.turn("Sam Analyst,  Big Bank \(dash) Research Division \(dash) Analyst    [3]", " Great quarter.")
        let transcript = try S.read(F.file(participants: participants, body: body), path: "et.txt")
        #expect(transcript.participants == [
            Participant(name: "Jane Roe", affiliation: "Acme Widgets Corp", title: "CEO", group: .corporate),
            Participant(name: "Richard Poe", affiliation: "Acme Widgets Corp", title: "CFO", group: .corporate),
            Participant(name: "Operator", group: .operator),
            Participant(name: "Sam Analyst", affiliation: "Big Bank \(dash) Research Division", title: "Analyst", group: .analyst),
        ])
        #expect(transcript.turns.map(\.speaker) == ["Operator", "Jane Roe", "Sam Analyst"])
    }

    @Test func referenceTranscriptWithEnDashesReadsAsTheReference() throws {
        let reference = try TranscriptReader.standard.read(contentsOf: referenceURL, displayPath: "calx.txt")
        var lines = try String(contentsOf: referenceURL, encoding: .utf8).components(separatedBy: "\n")
        // Every spaced hyphen below the header, in the lists, the speaker lines and the prose, becomes an en dash.
        for index in lines.indices.dropFirst() {
            lines[index] = lines[index].replacingOccurrences(of: " - ", with: " \u{2013} ")
        }
        let dashed = try S.read(lines.joined(separator: "\n"), path: "calx.txt")
        #expect(dashed.participants == reference.participants)
        #expect(dashed.turns.count == 95)
        #expect(dashed.turns.map(\.speaker) == reference.turns.map(\.speaker))
        #expect(dashed.turns.map(\.paragraphs) == reference.turns.map { $0.paragraphs.map { $0.replacingOccurrences(of: " - ", with: " \u{2013} ") } })
        #expect(dashed.warnings.isEmpty)
    }

    /// Lines of prose that hold dashes and stand alone as a paragraph, as speaker lines do.
    @Test(arguments: [
        "Thanks \u{2013} Carl", "Sure -- go ahead", "Mark Smith -- go ahead", "We grew revenue \u{2013} a record \u{2013} in Q3.",
        "Yes \u{2014} absolutely", "Great \u{2013} thanks",
    ])
    func proseWithDashesStaysProse(line: String) throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(of: "I think it is neutral.", with: "I think it is neutral.\n\n\(line)")
        let transcript = try S.read(text, path: "prose.txt")
        #expect(transcript.turns.map(\.speaker) == Self.pdfTurns.map(\.speaker))
        #expect(transcript.turns.last?.paragraphs == ["I think it is neutral.", line])
    }

    @Test func spacedDashesAreFoundByBytes() {
        func parts(_ line: String) -> [String] { line.spacedDashParts }
        #expect(parts("A - B \u{2013} C \u{2014} D -- E") == ["A", "B", "C", "D", "E"])
        #expect("A - B \u{2013} C".spacedDashSeparators == [" - ", " \u{2013} "])
        #expect(parts("A-B \u{2013}C A\u{2013} B x---y") == ["A-B \u{2013}C A\u{2013} B x---y"])
        #expect(parts("A --- B") == ["A --- B"])
        #expect(parts("A - - B") == ["A", "- B"])
        #expect(parts(" - ") == ["", ""])
        #expect("Jos\u{E9} \u{2013} Acme".firstSpacedDashRange.map { "Jos\u{E9} \u{2013} Acme"[$0] } == " \u{2013} ")
        #expect(StreetEventsPDFBody.splitFirmTitle("Big Bank \u{2013} Research \u{2013} Analyst") == ("Big Bank \u{2013} Research", "Analyst"))
        #expect(StreetEventsPDFBody.splitFirmTitle("\u{2013} Analyst") == (nil, "Analyst"))
        #expect(StreetEventsPDFBody.splitFirmTitle("Big Bank \u{2014}") == ("Big Bank", nil))
        #expect(StreetEventsPDFBody.splitFirmTitle("\u{2014}") == (nil, nil))
        #expect(StreetEventsPDFBody.splitFirmTitle("Soci\u{E9}t\u{E9} G\u{E9}n\u{E9}rale \u{2013} Analyst") == ("Soci\u{E9}t\u{E9} G\u{E9}n\u{E9}rale", "Analyst"))
        #expect("Carl Russo \u{2013} Calix \u{2013} CEO".withHyphenSpacedDashes == "Carl Russo - Calix - CEO")
    }

    // MARK: Operator labels

    @Test(arguments: ["Moderator", "Coordinator", "Conference Coordinator", "Conference Moderator", "MODERATOR", "The Moderator", "Moderator:"])
    func operatorLabelsOpenOperatorTurns(label: String) throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(of: "\nOperator\n", with: "\n\(label)\n")
            + "\n\n\(label)\n\nThis concludes today's teleconference."
        let transcript = try S.read(text, path: "moderator.txt")
        #expect(transcript.turns == Self.pdfTurns + [Turn(speaker: "Operator", paragraphs: ["This concludes today's teleconference."])])
        #expect(transcript.participants.filter { $0.group == .operator }.map(\.name) == ["Operator"])
        #expect(transcript.warnings.isEmpty)
    }

    @Test func operatorLabelEndsAParticipantListWithoutPresentationHeading() throws {
        let text = """
            CORPORATE PARTICIPANTS

            Jane Roe
            Acme Widgets Corp - CEO

            Coordinator

            Good afternoon, and welcome to the call.

            Jane Roe
            Acme Widgets Corp - CEO

            Thank you.
            """
        let transcript = try S.read(text, path: "coordinator.txt")
        #expect(transcript.participants.map(\.name) == ["Jane Roe", "Operator"])
        #expect(transcript.turns == [
            Turn(speaker: "Operator", paragraphs: ["Good afternoon, and welcome to the call."]),
            Turn(speaker: "Jane Roe", paragraphs: ["Thank you."]),
        ])
    }

    @Test(arguments: ["Moderator    [1]", "Coordinator    [1]", "Conference Moderator,   -     [1]", "Conference Coordinator    [1]"])
    func eventTranscriptOperatorLabelsAreTheOperator(line: String) throws {
        let body = F.heading("Presentation")
            + F.turn(line, " Welcome.")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", " Thank you.")
        let transcript = try S.read(F.file(body: body), path: "et.txt")
        #expect(transcript.turns == [Turn(speaker: "Operator", paragraphs: ["Welcome."]), Turn(speaker: "Jane Roe", paragraphs: ["Thank you."])])
        #expect(transcript.participant(named: "Operator")?.group == .operator)
        #expect(transcript.warnings.isEmpty)
    }

    @Test func operatorLabelsAreWholeLabels() {
        for label in ["Operator", "moderator", "Coordinator:", "The Operator", "Conference Operator", "Conference Moderator", "  Conference Coordinator : "] {
            #expect(PersonName.isOperator(label), "\(label)")
            #expect(PersonName.isOperator(label + " \u{E9}") == false, "\(label)")
        }
        for prose in ["Moderators", "The moderator said", "Conference", "Coordinator of Sales", "Moderator Jones", "Sales Coordinator"] {
            #expect(!PersonName.isOperator(prose), "\(prose)")
        }
        // Plain text takes the byte rule, other text the Character rule: both read a label the same way.
        #expect(!PersonName.isOperator("Mod\u{E9}rator"))
        #expect(!PersonName.isOperator("Conference  Moderator"))
        #expect(!PersonName.isOperator("Conference  Mod\u{E9}rator"))
        #expect(PersonName.isOperator("Conference Mod\u{E9}rator".replacingOccurrences(of: "\u{E9}", with: "e")))
    }

    // MARK: Punctuation closing a speaker line

    @Test(arguments: ["EVP, CFO & Treas.", "SVP of Corp. Dev.", "Sr. V.P.", "Dir. of Inv. Rel.", "EVP & CFO, Calix Intl."])
    func titleEndingInAnAbbreviationIsASpeakerLine(title: String) throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(of: "EVP & CFO", with: title)
        let transcript = try S.read(text, path: "abbreviation.txt")
        #expect(transcript.turns == Self.pdfTurns)
        #expect(transcript.participant(named: "Michael Ashby") == Participant(name: "Michael Ashby", affiliation: "Calix, Inc.", title: title, group: .corporate))
        #expect(transcript.participants.count == 4)
        #expect(transcript.warnings.isEmpty)
    }

    @Test func firmTitleLineEndingInAnAbbreviationOpensATurn() throws {
        let text = """
            CORPORATE PARTICIPANTS

            Jane Roe
            Acme Widgets Corp - EVP, CFO & Treas.

            PRESENTATION

            Operator

            Welcome to the call.

            Jane Roe
            Acme Widgets Corp - EVP, CFO & Treas.

            Thank you.
            """
        let transcript = try S.read(text, path: "treas.txt")
        #expect(transcript.participants == [
            Participant(name: "Jane Roe", affiliation: "Acme Widgets Corp", title: "EVP, CFO & Treas.", group: .corporate),
            Participant(name: "Operator", group: .operator),
        ])
        #expect(transcript.turns == [
            Turn(speaker: "Operator", paragraphs: ["Welcome to the call."]), Turn(speaker: "Jane Roe", paragraphs: ["Thank you."]),
        ])
    }

    @Test(arguments: [":", " :"])
    func trailingColonClosesASpeakerLine(colon: String) throws {
        var lines = Self.pdfCall(dash: "-").components(separatedBy: "\n")
        for index in lines.indices where lines[index].hasSuffix(" - President & CEO") || lines[index].hasSuffix(" - Analyst") && lines[index].hasPrefix("Mark McKechnie - ") || lines[index].hasSuffix(" - EVP & CFO") && lines[index].hasPrefix("Michael Ashby - ") {
            lines[index] += colon
        }
        let transcript = try S.read(lines.joined(separator: "\n"), path: "colon.txt")
        #expect(transcript.turns == Self.pdfTurns)
        #expect(transcript.participant(named: "Carl Russo")?.title == "President & CEO")
        #expect(transcript.warnings.isEmpty)
        #expect(StreetEventsPDFBody.splitSpeakerLine("Jos\u{E9} Garc\u{ED}a - Acme - CEO:") == SpeakerLine(name: "Jos\u{E9} Garc\u{ED}a", firm: "Acme", title: "CEO"))
        #expect(StreetEventsPDFBody.splitSpeakerLine("Carl Russo - Calix, Inc. - President & CEO:") == SpeakerLine(name: "Carl Russo", firm: "Calix, Inc.", title: "President & CEO"))
    }

    /// Prose lines with a speaker line's dashes and a closing period; a listed name ("Carl Russo") is no exception.
    @Test(arguments: [
        "We grew revenue - a record - in Q3.", "Mark Smith - our new CFO - joined in May.", "Congrats Carl - Great Quarter.",
        "Thanks - Carl.", "Carl Russo - as you know - spoke at TelcoTV.", "Great - Thanks, Carl.", "Jane Smith - Congrats?",
        "Mike Ashby - thanks.",
    ])
    func proseEndingInAPeriodStaysProse(line: String) throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(of: "I think it is neutral.", with: "I think it is neutral.\n\n\(line)")
        let transcript = try S.read(text, path: "prose.txt")
        #expect(transcript.turns.map(\.speaker) == Self.pdfTurns.map(\.speaker))
        #expect(transcript.turns.last?.paragraphs == ["I think it is neutral.", line])
        #expect(transcript.participants.count == 4)
    }

    @Test func titleShapes() {
        for title in ["EVP, CFO & Treas.", "SVP of Corp. Dev.", "Sr. V.P.", "Head of Investor Relations", "3M Co."] {
            #expect(StreetEventsPDFBody.isTitleShaped(title), "\(title)")
        }
        for prose in ["in Q3.", "joined in May.", "a record", "thanks.", "Great and thanks.", "of Sales", ""] {
            #expect(!StreetEventsPDFBody.isTitleShaped(prose), "\(prose)")
        }
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("Carl Russo Calix, Inc. - President & CEO Michael Ashby Calix, Inc. - EVP, CFO & Treas."))
        #expect(!StreetEventsPDFBody.cannotBeParticipantEntry("Calix, Inc. - SVP of Corp. Dev."))
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry("We grew revenue - a record - in Q3."))
        #expect(StreetEventsPDFBody.cannotBeParticipantEntry("Thanks, Carl - great."))
    }

    // MARK: Names with suffixes

    @Test(arguments: ["George Notter, Jr.", "John Smith, III", "Jane Doe, Ph.D.", "Michael Ashby, CFA", "Jane Doe, Ph.D., CFA", "Ann Lee, M.D."])
    func nameWithACommaSuffixIsOneSpeaker(name: String) throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(of: "Mark McKechnie", with: name)
        let transcript = try S.read(text, path: "suffix.txt")
        #expect(transcript.participant(named: name) == Participant(name: name, affiliation: "Evercore ISI - Research Division", title: "Analyst", group: .analyst))
        #expect(transcript.participants.count == 4)
        var expected = Self.pdfTurns
        expected[3].paragraphs = ["Our first question comes from \(name) of Evercore."]
        expected[4].speaker = name
        #expect(transcript.turns == expected)
        #expect(transcript.warnings.isEmpty)
    }

    @Test func silentParticipantWithACommaSuffixKeepsNameAndFirm() throws {
        let text = Self.pdfCall(dash: "-").replacingOccurrences(
            of: "Michael Ashby Calix, Inc. - EVP & CFO", with: "Michael Ashby Calix, Inc. - EVP & CFO Jane Doe, Ph.D. Calix, Inc. - VP of Finance")
        let transcript = try S.read(text, path: "silent.txt")
        #expect(transcript.participant(named: "Jane Doe, Ph.D.") == Participant(name: "Jane Doe, Ph.D.", affiliation: "Calix, Inc.", title: "VP of Finance", group: .corporate))
        #expect(transcript.turns == Self.pdfTurns)
    }

    @Test func eventTranscriptNameWithACommaSuffix() throws {
        let participants = """
             * Jane Roe, Ph.D.
               Acme Widgets Corp - CEO
             * Richard Poe, Jr., Acme Widgets Corp - CFO
            """
        let body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome.")
            + F.turn("Jane Roe, Ph.D.,  Acme Widgets Corp - CEO    [2]", " Thank you.")
            + F.turn("Richard Poe, Jr.,  Acme Widgets Corp - CFO    [3]", " Revenue rose.")
            + F.turn("George Notter, Jr.,  Jefferies & Company - Analyst    [4]", " A question.")
        let transcript = try S.read(F.file(participants: participants, body: body), path: "et.txt")
        #expect(transcript.participants == [
            Participant(name: "Jane Roe, Ph.D.", affiliation: "Acme Widgets Corp", title: "CEO", group: .corporate),
            Participant(name: "Richard Poe, Jr.", affiliation: "Acme Widgets Corp", title: "CFO", group: .corporate),
            Participant(name: "Operator", group: .operator),
            Participant(name: "George Notter, Jr.", affiliation: "Jefferies & Company", title: "Analyst", group: .analyst),
        ])
        #expect(transcript.turns.map(\.speaker) == ["Operator", "Jane Roe, Ph.D.", "Richard Poe, Jr.", "George Notter, Jr."])
        #expect(EventTranscriptScan.splitLabel("Jos\u{E9} Garc\u{ED}a, Jr.,  Banco Ita\u{FA} - Analyst") == ("Jos\u{E9} Garc\u{ED}a, Jr.", "Banco Ita\u{FA}", "Analyst"))
        // A comma before a firm is still the name's end, even when the firm's first word is short.
        #expect(EventTranscriptScan.splitLabel("Jane Roe,  UBS - Analyst") == ("Jane Roe", "UBS", "Analyst"))
        #expect(EventTranscriptScan.splitLabel("Jane Roe,  CFA Institute - Analyst") == ("Jane Roe", "CFA Institute", "Analyst"))
        #expect(EventTranscriptScan.splitLabel("Jos\u{E9} Roe,  CFA Institute - Analyst") == ("Jos\u{E9} Roe", "CFA Institute", "Analyst"))
    }

    @Test func commaSuffixNames() {
        for name in ["George Notter, Jr.", "John Smith, III", "Jane Doe, Ph.D., CFA", "Ann Lee, M.D.", "Jos\u{E9} Garc\u{ED}a, Jr."] {
            #expect(PersonName.isPlausible(name), "\(name)")
        }
        for prose in ["Thanks, Carl", "Smith, John", "George Notter, Jr., thanks", "Okay, great", "John Smith,", "Jos\u{E9}, gracias"] {
            #expect(!PersonName.isPlausible(prose), "\(prose)")
        }
        #expect(PersonName.samePerson("George Notter, Jr.", "George Notter Jr."))
        #expect(PersonName.key("George Notter, Jr.") == PersonName.key("George Notter Jr."))
        #expect(PersonName.samePerson("Jane Doe, Ph.D.", "Jane Doe"))
        #expect(PersonName.matchKey("Jane Doe, Ph.D.") == "doe")
        #expect(PersonName.matchKey("Michael Ashby, CFA") == PersonName.matchKey("Mike Ashby"))
        #expect(!PersonName.samePerson("Jane Doe, Ph.D.", "John Doe"))
    }

    // MARK: Closing matter in the Event Transcript layout

    static let closingMatter = [
        ("Definitions", "PRELIMINARY TRANSCRIPT: \"Preliminary Transcript\" indicates that the\nTranscript has been published in near real-time."),
        ("Disclaimer", "Thomson Reuters reserves the right to make changes to documents, content, or other\ninformation on this web site."),
        ("Copyright 2012 Thomson Reuters. All Rights Reserved.", ""),
    ]

    /// A call whose closing blocks (`names` of `closingMatter`) follow the last turn between `-----` rules.
    static func eventTranscript(closing names: [String]) -> String {
        var body = F.heading("Presentation")
            + F.turn("Operator    [1]", " Welcome.")
            + F.turn("Jane Roe,  Acme Widgets Corp - CEO    [2]", " Thank you.")
            + F.heading("Questions and Answers")
            + F.turn("Sam Analyst,  Big Bank - Analyst    [3]", " What about margins?")
        for (name, text) in closingMatter where names.contains(name) {
            body += ([F.rule, name, F.rule] + (text.isEmpty ? [] : text.components(separatedBy: "\n")) + [""]).joined(separator: "\n")
        }
        return F.file(body: body)
    }

    @Test(arguments: [
        ["Definitions", "Disclaimer", "Copyright 2012 Thomson Reuters. All Rights Reserved."], ["Disclaimer"],
        ["Copyright 2012 Thomson Reuters. All Rights Reserved."], ["Definitions"],
    ])
    func closingMatterBetweenDashRulesIsDropped(names: [String]) throws {
        let transcript = try S.read(Self.eventTranscript(closing: names), path: "closing.txt")
        #expect(transcript.sections.map(\.kind) == [.presentation, .questionsAndAnswers])
        #expect(transcript.turns == [
            Turn(speaker: "Operator", paragraphs: ["Welcome."]),
            Turn(speaker: "Jane Roe", paragraphs: ["Thank you."]),
            Turn(speaker: "Sam Analyst", paragraphs: ["What about margins?"]),
        ])
        #expect(transcript.participants.map(\.name) == ["Jane Roe", "Richard Poe", "Operator", "Sam Analyst"])
        #expect(transcript.warnings.map(\.message) == ["speaker 'Sam Analyst' is not in the participant lists; added as analyst"])
    }

    @Test func aNumberedTurnIsASpeakerWhateverItsName() {
        #expect(EventTranscriptScan.opensClosingMatter("Definitions"))
        #expect(EventTranscriptScan.opensClosingMatter("DISCLAIMER"))
        #expect(EventTranscriptScan.opensClosingMatter("\u{A9}2020 Refinitiv. All rights reserved."))
        #expect(!EventTranscriptScan.opensClosingMatter("Disclaimer    [7]"))
        #expect(!EventTranscriptScan.opensClosingMatter("Jane Roe,  Acme Widgets Corp - CEO    [2]"))
        #expect(!EventTranscriptScan.opensClosingMatter("Copyright Clearance Center,  Analyst"))
    }
}
