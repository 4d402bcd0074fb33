import Foundation
@testable import EventKit
import Testing
import TranscriptKit

/// The reference call (Calix, Q3 2012, held 25 October 2012): what the rules find in it.
@Suite("Extraction from the reference call")
struct ReferenceCallExtractionTests {
    let found = EventExtractor().mentions(in: referenceCall)

    func named(_ key: String) -> [EventMention] { found.filter { $0.key == key } }

    @Test func theThreeInvestorConferencesWithDatesCitiesAndHosts() throws {
        let goldman = try #require(named("goldman sachs small cap technology one on one summit").first)
        #expect(goldman.name == "Goldman Sachs small-cap technology one-on-one summit")
        #expect(goldman.category == .investorConference)
        #expect(goldman.dates == .day(day("2012-11-07")))
        #expect(goldman.places == [EventPlace(city: "San Francisco", region: "California")])
        #expect(goldman.host == "Goldman Sachs")

        let ubs = try #require(named("ubs global technology conference").first)
        #expect(ubs.name == "UBS Global Technology Conference")
        #expect(ubs.dates == .day(day("2012-11-14")))
        #expect(ubs.places.map(\.city) == ["New York"])
        #expect(ubs.host == "UBS")

        let suisse = try #require(named("credit suisse conference").first)
        #expect(suisse.dates == .day(day("2012-11-28")))
        #expect(suisse.places == [EventPlace(city: "Scottsdale", region: "Arizona")])
        #expect(suisse.host == "Credit Suisse")
        #expect(suisse.category == .investorConference)
        // David Allen said "We hope you can join us": he is tied to all three.
        for mention in [goldman, ubs, suisse] {
            #expect(mention.participants.map(\.name) == ["David Allen"])
            #expect(mention.turn == goldman.turn && mention.paragraph == goldman.paragraph)
        }
    }

    @Test func telcoTVThisMorningInLasVegasWithCarlRussoAsKeynote() throws {
        let telco = named("telcotv")
        #expect(telco.count == 4, "keynoting, the analyst's TelcoTV example, Jeff Gardner on stage, spoke at TelcoTV")
        let keynote = try #require(telco.first { $0.rule == .appearance })
        #expect(keynote.text == "TelcoTV")
        #expect(keynote.category == .industryEvent)
        #expect(keynote.dates == .day(day("2012-10-25")))
        #expect(keynote.places.map(\.city) == ["Las Vegas"])
        #expect(keynote.participants == [EventParticipant(name: "Carl Russo", role: .keynote, isCallParticipant: true)])

        let stage = try #require(telco.first { $0.rule == .stage })
        #expect(stage.text == "on stage")
        let gardner = try #require(stage.participants.first { $0.name == "Jeff Gardner" })
        #expect(gardner.isCallParticipant == false)
        #expect(gardner.note == "CEO of Windstream; on stage just before Carl Russo")
        #expect(telco.contains { $0.rule == .knownName && $0.sentence.contains("anecdote of the TelcoTV example") })
    }

    @Test func theUserGroupMeetingIsACalixEventInTheWeekAfterTheCall() throws {
        let meetings = named("calix user group")
        #expect(meetings.count == 2, "the user group meeting and the user-group conference are one event")
        for meeting in meetings {
            #expect(meeting.category == .companyEvent)
            #expect(meeting.host == "Calix, Inc.")
            #expect(meeting.dates == EventDates(start: day("2012-10-29"), end: day("2012-11-04"), precision: .week))
        }
        #expect(meetings.map(\.text) == ["annual user group meeting", "annual user-group conference"])
    }

    @Test func theAnnouncedCallHasNoDate() throws {
        let call = try #require(found.first { $0.category == .call })
        #expect(call.name == "Calix call on the adjusted forecast")
        #expect(call.dates == nil)
        #expect(call.text == "separate conference call")
    }

    @Test func nothingElse() {
        #expect(Set(found.map(\.key)) == [
            "goldman sachs small cap technology one on one summit", "ubs global technology conference", "credit suisse conference",
            "telcotv", "calix user group", "calix call adjusted forecast",
        ])
    }

    @Test func jeremyDavidAndDougClarkStoodIn() {
        let standIns = StandInDetector.standIns(in: referenceCall)
        #expect(standIns.map(\.analyst) == ["Jeremy David", "Doug Clark"])
        #expect(standIns.map(\.announced) == ["Ehud Gelblum", "Simona Jankowski"])
        #expect(standIns.map(\.announcedFirm) == ["Morgan Stanley", "Goldman Sachs"])
        #expect(standIns[0].sentence == "It's actually Jeremy David calling in for Ehud.")
        #expect(standIns[1].sentence == "This is actually Doug Clark for Simona.")
    }
}

/// Sentences written for the rules, in many phrasings, said on a call held on Thursday 25 October 2012.
@Suite("Extraction rules")
struct ExtractionRuleTests {
    func only(_ text: String, date: String = "2012-10-25") throws -> EventMention {
        let found = mentions(text, date: date)
        #expect(found.count == 1, "\(found.map(\.name))")
        return try #require(found.first)
    }

    @Test func datesWithAndWithoutOrdinals() throws {
        #expect(try only("We will present at the Needham Growth Conference in New York on January 15.").dates == .day(day("2013-01-15")))
        #expect(try only("We will present at the Needham Growth Conference in New York on January 15th.").dates == .day(day("2013-01-15")))
        #expect(try only("We will present at the Needham Growth Conference on Jan. 15, 2013.").dates == .day(day("2013-01-15")))
        #expect(try only("We will be at the Barclays Global Technology Conference on the 14th of November.").dates == .day(day("2012-11-14")))
        #expect(try only("We will be at the Barclays Global Technology Conference on 14 November.").dates == .day(day("2012-11-14")))
    }

    @Test func onTheFourteenth() throws {
        let later = try only("We will be at the Barclays Global Technology Conference on the 14th.")
        #expect(later.dates == .day(day("2012-11-14")), "the 14th after 25 October is in November")
        let same = try only("We will be at the Barclays Global Technology Conference on the 29th.")
        #expect(same.dates == .day(day("2012-10-29")))
        let past = try only("We presented at the Barclays Global Technology Conference on the 14th, which went well.")
        #expect(past.dates == .day(day("2012-10-14")), "past tense: the last 14th")
    }

    @Test func relativeDates() throws {
        #expect(try only("Early next month, we will present at the Wells Fargo Technology Summit.").dates
            == EventDates(start: day("2012-11-01"), end: day("2012-11-10"), precision: .partOfMonth))
        #expect(try only("We will present at the Wells Fargo Technology Summit next month.").dates
            == EventDates(start: day("2012-11-01"), end: day("2012-11-30"), precision: .month))
        #expect(try only("We will present at the Wells Fargo Technology Summit late next month.").dates
            == EventDates(start: day("2012-11-21"), end: day("2012-11-30"), precision: .partOfMonth))
        #expect(try only("Tomorrow we will present at the Wells Fargo Technology Summit.").dates == .day(day("2012-10-26")))
        #expect(try only("We will present at the Wells Fargo Technology Summit on Tuesday.").dates == .day(day("2012-10-30")))
        #expect(try only("We will present at the Wells Fargo Technology Summit next week.").dates?.display == "Week of October 29, 2012")
        #expect(try only("We will present at the Wells Fargo Technology Summit in early December.").dates?.display == "Early December 2012")
        #expect(try only("We will present at the Wells Fargo Technology Summit in December.").dates?.display == "December 2012")
    }

    @Test func aWeekdayBeforeADateIsPartOfTheDate() throws {
        // The call is on Thursday 25 October 2012: the date written out wins over "the next Wednesday".
        #expect(try only("We will present at the Gamma Technology Conference on Wednesday, November 7, 2012.").dates == .day(day("2012-11-07")))
        #expect(try only("I'll be speaking at the Oppenheimer Conference on Tuesday, November 13.").dates == .day(day("2012-11-13")))
        #expect(try only("We will present at the Gamma Technology Conference next Monday, 12 November.").dates == .day(day("2012-11-12")))
        #expect(try only("We will present at the Gamma Technology Conference on Tuesday the 13th of November.").dates == .day(day("2012-11-13")))
        // "the 13th" alone is the next 13th that falls on the weekday named (a Tuesday in November 2012, not in December).
        #expect(try only("We will present at the Gamma Technology Conference on Tuesday the 13th.").dates == .day(day("2012-11-13")))
        #expect(try only("We will present at the Gamma Technology Conference on Thursday the 13th.").dates == .day(day("2012-12-13")))
    }

    @Test func aDayOfTheMonthTakesNextMonthsRatherThanOneJustPast() throws {
        #expect(try only("We will present at the Alpha Growth Conference on the 20th.").dates == .day(day("2012-11-20")))
        #expect(try only("We presented at the Alpha Growth Conference on the 28th.").dates == .day(day("2012-09-28")))
        #expect(try only("We will present at the Alpha Growth Conference on the 25th.").dates == .day(day("2012-10-25")), "the day of the call itself")
    }

    @Test func twoDatesJoinedByAndAreNotARange() throws {
        #expect(try only("We will present at the Epsilon Technology Conference on November 7 and December 5.").dates == .day(day("2012-11-07")))
        #expect(try only("We will present at the Epsilon Technology Conference on November 7 and 8.").dates
            == EventDates(start: day("2012-11-07"), end: day("2012-11-08")))
        #expect(try only("We will present at the Epsilon Technology Conference from November 30 to December 2.").dates
            == EventDates(start: day("2012-11-30"), end: day("2012-12-02")))
    }

    @Test func theWeekOfADayIsThatWeek() throws {
        let week = try only("We will present at the Zeta Technology Conference the week of November 12th.").dates
        #expect(week == EventDates(start: day("2012-11-12"), end: day("2012-11-18"), precision: .week))
        #expect(try only("We will present at the Zeta Technology Conference during the week of 14 November 2012.").dates
            == EventDates(start: day("2012-11-12"), end: day("2012-11-18"), precision: .week))
    }

    @Test func ranges() throws {
        let ces = try only("We will exhibit at the CES show in Las Vegas from January 8 to 11.")
        #expect(ces.dates == EventDates(start: day("2013-01-08"), end: day("2013-01-11")))
        #expect(ces.name == "CES show")
        #expect(ces.category == .industryEvent)
        #expect(try only("Our team will be at the SCTE Cable-Tec Expo on November 7-9.").dates == EventDates(start: day("2012-11-07"), end: day("2012-11-09")))
        #expect(try only("Our team will be at the SCTE Cable-Tec Expo on November 7th and 8th.").dates == EventDates(start: day("2012-11-07"), end: day("2012-11-08")))
        let spanning = try only("We will attend the Broadband Communities Summit, November 30 – December 2, in Dallas, Texas.")
        #expect(spanning.dates == EventDates(start: day("2012-11-30"), end: day("2012-12-02")))
        #expect(spanning.dates?.display == "November 30 – December 2, 2012")
        #expect(spanning.places == [EventPlace(city: "Dallas", region: "Texas")])
    }

    @Test func placesInNewYorkCityAndInLondon() throws {
        let day = try only("We will host our Analyst Day in New York City and in London early next month.")
        #expect(day.places == [EventPlace(city: "New York"), EventPlace(city: "London", region: "United Kingdom")])
        #expect(day.category == .companyEvent)
        #expect(day.host == "Acme Corp.")
        #expect(day.name == "Acme Analyst Day")
        #expect(try only("We will be at the JPMorgan Tech Forum in Boston, MA on May 3rd.").places == [EventPlace(city: "Boston", region: "Massachusetts")])
        #expect(try only("We will be at the Cowen Networking Summit in Greenwich, Connecticut on the 14th.").places == [EventPlace(city: "Greenwich", region: "Connecticut")])
        #expect(try only("We will be at the Cowen Networking Summit in Springfield, Illinois on the 14th.").places == [EventPlace(city: "Springfield", region: "Illinois")],
                "an unlisted city with its state")
    }

    @Test func aConferenceWithNoDate() throws {
        let needham = try only("We will also be presenting at the Needham Growth Conference.")
        #expect(needham.dates == nil)
        #expect(needham.year == 2012, "undated mentions belong to the call's year")
        #expect(needham.host == "Needham")
        #expect(needham.category == .investorConference)
        #expect(needham.participants.map(\.name) == ["Jane Roe"])
        #expect(needham.participants.first?.role == .speaker, "\"presenting at\" makes her a speaker")
    }

    @Test func hostsAndKinds() throws {
        let summit = try only("Next week I will be speaking at the Raymond James Institutional Investors Conference.")
        #expect(summit.host == "Raymond James")
        #expect(summit.participants.first?.role == .speaker)
        let keynote = try only("I gave the keynote at Broadband World Forum in Amsterdam this morning.")
        #expect(keynote.name == "Broadband World Forum")
        #expect(keynote.places.map(\.city) == ["Amsterdam"])
        #expect(keynote.dates == .day(day("2012-10-25")))
        #expect(keynote.participants.first?.role == .keynote)
        let presenting = try only("Tomorrow, our CFO is presenting at IBC in Amsterdam.")
        #expect(presenting.name == "IBC")
        #expect(presenting.category == .industryEvent)
        #expect(try only("Shareholders can join our annual shareholder meeting on the 14th.").category == .companyEvent)
        let tmt = try only("At the Morgan Stanley TMT conference in Barcelona next month, our CFO will be on a panel.")
        #expect(tmt.host == "Morgan Stanley")
        #expect(tmt.places.map(\.city) == ["Barcelona"])
        #expect(tmt.category == .investorConference)
        let agm = try only("We will hold our Annual Meeting of Stockholders on May 15.")
        #expect(agm.name == "Acme Annual Meeting")
        #expect(agm.dates == .day(day("2013-05-15")), "future tense: the next May 15")
    }

    /// A host whose name has a lower-case word ("Bank of America") stays in the event's name and is its host; a title
    /// or an ordinary noun before "of" does not join the name.
    @Test func hostsWithALowerCaseWordInTheirName() throws {
        let bofa = try only("We will present at the Bank of America Merrill Lynch Global Technology Conference in San Francisco on June 5.")
        #expect(bofa.name == "Bank of America Merrill Lynch Global Technology Conference")
        #expect(bofa.host == "Bank of America Merrill Lynch")
        #expect(bofa.category == .investorConference)
        #expect(bofa.places.map(\.city) == ["San Francisco"])
        let short = try only("Our CFO will be at the Bank of America Global Technology Conference next month.")
        #expect(short.name == "Bank of America Global Technology Conference")
        #expect(short.host == "Bank of America Merrill Lynch")
        let montreal = try only("We are presenting at the Bank of Montreal Global Metals and Mining Conference on February 25.")
        #expect(montreal.host == "Bank of Montreal")
        #expect(montreal.name == "Bank of Montreal Global Metals and Mining Conference")
        #expect(try only("The President of Acme Technology Summit invited us to speak on January 15.").name == "Acme Technology Summit")
        #expect(try only("Most of Raymond James Institutional Investors Conference was about fiber on January 15.").name
                == "Raymond James Institutional Investors Conference")
    }

    /// A list in a name ("Technology, Media and Telecom") stays whole: a comma between capitalised words joins the name
    /// once the walk back from the event noun has crossed "and" or "&".
    @Test func namesWithAListInThem() throws {
        let tmt = try only("We will present at the Morgan Stanley Technology, Media and Telecom Conference in Barcelona on November 14.")
        #expect(tmt.name == "Morgan Stanley Technology, Media and Telecom Conference")
        #expect(tmt.key == "morgan stanley technology media and telecom conference")
        #expect(tmt.host == "Morgan Stanley")
        #expect(tmt.places.map(\.city) == ["Barcelona"])
        let citi = try only("We will be at the Citi Global Technology, Media & Telecommunications Conference next month.")
        #expect(citi.name == "Citi Global Technology, Media & Telecommunications Conference")
        #expect(citi.host == "Citi")
        #expect(try only("Next week we are at the Raymond James Technology Conference, and then in New York.").name
                == "Raymond James Technology Conference")
        #expect(try only("We met customers in Dallas, Chicago and New York before the Needham Growth Conference on January 15.").name
                == "Needham Growth Conference")
        #expect(try only("We attended the Goldman Sachs Communacopia, Technology Conference on September 10.").name == "Technology Conference",
                "no 'and' before the comma: not a list")
    }

    /// A paragraph in title case is not one long name: a name has at most `EventExtractor.longestName` tokens before its
    /// noun. (Before the limit, 4,000 repeats of the first text made one event named by all 136,006 characters.)
    @Test(arguments: ["Alpha Beta Gamma Delta Conference ", "Alpha, Beta and Gamma Conference ", "Bank of America Bank of "])
    func aTitleCaseParagraphIsNotOneLongName(_ unit: String) {
        let found = mentions(String(repeating: unit, count: 300) + "Summit.")
        for mention in found {
            #expect(mention.name.split(separator: " ").count <= EventExtractor.longestName + 1, "\(mention.name.prefix(80))…")
        }
        #expect(Set(found.map(\.key)).count <= 1, "at most the name at the paragraph's start, found again")
    }

    /// A mention quotes its sentence, but never more than `SentenceSplitter.quoteLimit` bytes of it: a paragraph without
    /// sentence ends is quoted as the words around the mention.
    @Test func quotesAreBounded() throws {
        let found = mentions(String(repeating: "Alpha Beta Gamma Delta Conference, ", count: 2000) + "Summit.")
        #expect(!found.isEmpty)
        for mention in found {
            #expect(mention.sentence.utf8.count <= SentenceSplitter.quoteLimit + 8)
            #expect(mention.sentence.contains(mention.text))
        }
        let long = String(repeating: "élan and more words ", count: 200)
        let text = long + "we will be at the UBS Global Technology Conference in New York on November 14th, " + long + "and that is all."
        let ubs = try only(text)
        #expect(ubs.sentence.hasPrefix("… ") && ubs.sentence.hasSuffix(" …"))
        #expect(ubs.sentence.contains("UBS Global Technology Conference"))
        #expect(ubs.sentence.utf8.count <= SentenceSplitter.quoteLimit + 8)
        #expect(text.contains(ubs.sentence.dropFirst(2).dropLast(2)), "whole words of the sentence, as written")
        let short = "We will be at the UBS Global Technology Conference in New York on November 14th."
        #expect(try only(short).sentence == short)
    }

    @Test func namedParticipants() throws {
        let text = "Jane Roe and John Doe both spoke at the Ericsson Industry Summit in Stockholm yesterday, where Dan Smith, the CEO of Widgets Inc, was also on stage."
        let summit = try only(text)
        #expect(summit.participants.map(\.name) == ["Jane Roe", "John Doe", "Dan Smith"])
        #expect(summit.participants.allSatisfy { $0.role == .speaker })
        #expect(summit.participants.first { $0.name == "Dan Smith" }?.note == "CEO of Widgets Inc")
        #expect(summit.dates == .day(day("2012-10-24")))
    }

    @Test func trapsThatAreNotEvents() {
        let traps = [
            "Welcome to our conference call.",
            "This conference call contains forward-looking statements.",
            "We met in the conference room afterwards.",
            "It was a TelcoTV-like show, with all the usual vendors.",
            "During our investor conferences and meetings following our second quarter, we talked about margins.",
            "We hope you can join us at one of our upcoming investment conferences.",
            "We look forward to speaking to you on one of these forums.",
            "Our results show that demand is steady.",
            "We had a meeting with customers in New York on November 7th.",
            "The board meeting is next week.",
            "A conference in Las Vegas is not something we budget for.",
            "Conference attendance was down this year.",
            "I spoke at length about margins this morning.",
            "We presented at Morgan Stanley last week.",
            "Thanks, operator, and welcome to today's Q3 earnings conference call.",
            "We have an annual conference every year.",
            "We will hold our analyst meetings later.",
            "The trade show in Las Vegas was busy.",
            "Our ads ran during the TV show everyone watches.",
            "Thanks for attending today's call.",
            "Our Chief Financial Officer will present at the conference.",
            "We said at the Federal Reserve meeting what we always say.",
        ]
        for trap in traps {
            #expect(mentions(trap).isEmpty, "\(trap) → \(mentions(trap).map(\.name))")
        }
    }

    /// The operator's greeting names the call itself, in any company's wording: its name holds "earnings", "results" or
    /// a fiscal period, so it is not an event the call mentions.
    @Test func theCallItselfIsNotAnEvent() throws {
        let greetings = [
            "Ladies and gentlemen, thank you for standing by, and welcome to the Calix Third Quarter 2012 Earnings Conference.",
            "Good day, and welcome to the Globex Corporation Fiscal 2013 First Quarter Results Conference.",
            "Welcome to the Initech Q4 2012 Earnings Conference.",
            "Welcome to the Hooli FY2012 Conference, and thank you for joining.",
            "Welcome everyone to the Umbrella 3Q12 Investor Conference.",
        ]
        for greeting in greetings {
            #expect(mentions(greeting).isEmpty, "\(greeting) → \(mentions(greeting).map(\.name))")
        }
        #expect(try only("We will present at the Needham Growth Conference in New York on January 15.").name == "Needham Growth Conference")
    }

    /// An event noun that modifies the next word ("Conference footprint") or sits inside a longer proper name ("Summit
    /// Ridge") is no event; one followed by a verb, an adverb, a preposition or punctuation still is.
    @Test func anEventNounInsideAnotherNameOrBeforeANounIsNoEvent() throws {
        let traps = [
            "Our customers in the Southeastern Conference footprint grew.",
            "The Internet Protocol Television Forum standard is gaining adoption.",
            "Windstream Communications Summit Ridge office is a customer.",
            "We opened an office near the Pacific Rim Summit Hotel in Seattle.",
            "Our Western Conference territory had a strong quarter.",
            "The Broadband Forum specification TR-069 is widely used.",
        ]
        for trap in traps {
            #expect(mentions(trap).isEmpty, "\(trap) → \(mentions(trap).map(\.name))")
        }
        #expect(try only("The Credit Suisse Conference went well.").name == "Credit Suisse Conference")
        #expect(try only("The UBS Global Technology Conference featured ten panels.").name == "UBS Global Technology Conference")
        #expect(try only("The Needham Growth Conference starts on January 15.").name == "Needham Growth Conference")
        #expect(try only("We will be at the Cowen Networking Summit, as every year.").name == "Cowen Networking Summit")
        #expect(try only("We will be at the Cowen Networking Summit Tuesday.").name == "Cowen Networking Summit")
    }

    /// After "presented at" a company or a place is not an event: a name followed by a noun it modifies ("AT&T
    /// headquarters"), or two capitalised words ending like a company's name ("Frontier Communications"). Known-name
    /// matching then has nothing to repeat across the call.
    @Test func aCompanyOrItsPremisesAfterAnAppearanceVerbIsNotAnEvent() throws {
        let traps = [
            "We presented at AT&T headquarters in Dallas.",
            "We presented at AT&T headquarters in Dallas, and AT&T is now our largest customer.",
            "Last week we presented at Frontier Communications, and Frontier Communications is now a customer.",
            "Our CFO spoke at BT Group offices in London on Tuesday.",
            "I presented at NTT laboratory in Tokyo.",
            "We presented at Deutsche Telekom Innovation Laboratories in Berlin.",
            "We exhibited at CenturyLink facilities in Denver.",
        ]
        for trap in traps {
            #expect(mentions(trap).isEmpty, "\(trap) → \(mentions(trap).map(\.name))")
        }
        #expect(try only("I spoke this morning at TelcoTV in Las Vegas.").name == "TelcoTV")
        #expect(try only("We exhibited at CES last week, and it was busy.").name == "CES")
    }

    /// A year the name states is the event's year when the sentence gives no date: "the 2013 Consumer Electronics Show"
    /// said in October 2012 belongs to 2013.
    @Test func aYearInTheNameIsTheEventsYear() throws {
        let show = try only("We also hope to see you at the 2013 Consumer Electronics Show.")
        #expect(show.dates == nil)
        #expect(show.year == 2013)
        #expect(show.key == "consumer electronics show")
        #expect(try only("We will present at the Beta Technology Conference 2013 in New York.").year == 2013)
        #expect(try only("We presented at the 2011 Gamma Technology Summit and it went well.").year == 2011)
        #expect(try only("We will present at the Beta Technology Conference in New York.").year == 2012, "no year named: the call's")
        // A date without a year of its own is in the named year; one with its own year, or a relative one, is not.
        #expect(try only("We will present at the Beta Technology Conference 2013 on November 14.").dates == .day(day("2013-11-14")))
        #expect(try only("We will present at the 2013 Beta Technology Conference in March.").dates?.display == "March 2013")
        #expect(try only("We will present at the Beta Technology Conference 2013 on November 14, 2012.").dates == .day(day("2012-11-14")))
        #expect(try only("We will present at the Beta Technology Conference 2013 next week.").dates?.display == "Week of October 29, 2012")
    }

    @Test func aLikeCompoundNeverMatchesAKnownName() {
        let extractor = EventExtractor(knownNames: [.init(spelling: "TelcoTV", name: "TelcoTV 2012", category: .industryEvent, year: 2012)])
        let found = extractor.mentions(in: call("It was a TelcoTV-like show, and TelcoTV itself was busy."))
        #expect(found.map(\.text) == ["TelcoTV"])
        #expect(found.first?.occurrence == 1, "the second \"TelcoTV\" in the paragraph")
        #expect(found.first?.rule == .knownName)
        #expect(extractor.mentions(in: call("TelcoTV was busy.", date: "2014-10-25")).isEmpty, "a curated 2012 name does not match a 2014 call")
    }

    @Test func aCallWithoutADateResolvesOnlyDatesWithAYear() {
        var transcript = call("We will present at the Needham Growth Conference on January 15, 2013, and at the Cowen Summit next week.")
        transcript.date = nil
        let found = EventExtractor().mentions(in: transcript)
        #expect(found.map(\.name) == ["Needham Growth Conference", "Cowen Summit"])
        #expect(found.map(\.dates) == [.day(day("2013-01-15")), nil])
    }
}

@Suite("Text helpers")
struct TextHelperTests {
    @Test func sentenceSplitting() {
        let text = "Thanks, Mr. Allen. Revenue was $81.3 million, up 5% vs. last year. He said, \"Yes.\" Next, U.S. Cellular is a customer. [Derek] spoke."
        let sentences = SentenceSplitter.sentences(in: text).map { String(text[$0]) }
        #expect(sentences == ["Thanks, Mr. Allen.", "Revenue was $81.3 million, up 5% vs. last year.", "He said, \"Yes.\"",
                              "Next, U.S. Cellular is a customer.", "[Derek] spoke."])
    }

    @Test func dayArithmetic() {
        #expect(day("2012-10-25").weekday == 4)
        #expect(day("2012-10-25").monday == day("2012-10-22"))
        #expect(day("2012-12-31").adding(days: 1) == day("2013-01-01"))
        #expect(day("2012-02-28").adding(days: 1) == day("2012-02-29"))
        #expect(EventDay(ordinal: day("1999-12-31").ordinal) == day("1999-12-31"))
        #expect(EventDates.week(of: day("2012-10-30")).machineReadable == "2012-W44")
        #expect(EventDates.week(of: day("2013-01-01")).machineReadable == "2013-W01")
        #expect(EventDay(year: 2013, month: 2, day: 29) == nil)
    }

    @Test func dayFormsArePaddedAsPrintfPadsThem() throws {
        let early = try #require(EventDay(year: 812, month: 3, day: 5))
        #expect(early.iso == "0812-03-05")
        #expect(early.basic == "08120305")
        #expect(day("2012-11-07").iso == "2012-11-07")
        #expect(EventDates(start: day("2012-11-01"), end: day("2012-11-30"), precision: .month).machineReadable == "2012-11")
        for value in [0, 7, 42, 999, 1000, 12345, -5, -12345] {
            #expect(EventDay.padded(value, 4) == String(format: "%04d", value))
        }
    }

    @Test func keysIgnoreArticlesYearsOrdinalsAndAnnual() {
        #expect(EventExtractor.key("The 13th Annual UBS Global Technology Conference 2012") == "ubs global technology conference")
        #expect(EventExtractor.key("TelcoTV 2012") == EventExtractor.key("TelcoTV"))
        #expect(EventExtractor.shortName("Calix, Inc.") == "Calix")
    }

    @Test func phraseMatcherMatchesWholeWords() {
        let matcher = PhraseMatcher(phrases: ["Calix", "New York", "New York City", "TelcoTV"])
        let text = "Calix’s show in New York City, a TelcoTV-like event, and Calixes."
        let found = matcher.matches(in: text).map { String(decoding: Array(text.utf8)[$0.range], as: UTF8.self) }
        #expect(found == ["Calix", "New York City"])
    }
}
