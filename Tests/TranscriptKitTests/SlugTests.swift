import Testing
@testable import TranscriptKit

/// URL slugs: the byte rules for ASCII text give what the Foundation folding gives, and non-ASCII text is folded.
@Suite struct SlugTests {
    @Test func examples() {
        #expect(Slug.make("Calix, Inc.") == "calix-inc")
        #expect(Slug.make("AT&T Inc.") == "at-and-t-inc")
        #expect(Slug.make("& Co") == "and-co")
        #expect(Slug.make("UBS Global Technology Conference 2012") == "ubs-global-technology-conference-2012")
        #expect(Slug.make("  --  ") == "untitled")
        #expect(Slug.make("") == "untitled")
        #expect(Slug.make("Société Générale") == "societe-generale")
        #expect(Slug.make("Ｃａｌｉｘ") == "calix")
        #expect(Slug.make(String(repeating: "ab ", count: 40)).count == 80)
        #expect(!Slug.make(String(repeating: "abc ", count: 40)).hasSuffix("-"))
    }

    @Test func otherScriptsAreTransliteratedNotDropped() {
        #expect(Slug.make("王伟") == "wang-wei")
        #expect(Slug.make("Владимир Путин") == "vladimir-putin")
        #expect(Slug.make("Bjørn Ødegård") == "bjorn-odegard")
        #expect(Slug.make("Łódź Straße") == "lodz-strasse")
        #expect(Slug.make("Ｃａｌｉｘ 東京") == "calix-dong-jing")
        #expect(Slug.make("🚀🚀") == "untitled")
    }

    @Test func namesThatMayBeOnePersonShareTheirMatchAndInitialKeys() {
        let firsts = ["Michael", "Mike", "Mick", "Robert", "Bob", "Rob", "Bobby", "William", "Bill", "Will", "Jon", "Jonathan",
                      "John", "Chris", "Christopher", "Christine", "Al", "Alan", "Alexander", "Alex", "J.", "Dick", "Richard", "Rick"]
        let lasts = ["Ashby", "Russo", "ashby"]
        let names = firsts.flatMap { first in lasts.flatMap { last in ["\(first) \(last)", "\(first) Q. \(last)", "\(first) \(last), Jr."] } }
            + ["Ashby", "ASHBY", "Cher"]
        var matched = 0
        for a in names {
            for b in names where PersonName.samePerson(a, b) {
                matched += 1
                #expect(PersonName.matchKey(a) == PersonName.matchKey(b), "\(a) / \(b)")
                #expect(PersonName.firstInitialKey(a) == PersonName.firstInitialKey(b), "\(a) / \(b)")
            }
        }
        #expect(matched > names.count, "nicknames and prefixes match across spellings")
        #expect(PersonName.firstInitialKey("Bob Smith") == "r")
        #expect(PersonName.firstInitialKey("Cher") == "=")
    }

    @Test func personKeysFoldSpellingsButKeepEveryScript() {
        #expect(PersonName.key("José García") == PersonName.key("JOSE  GARCIA"))
        #expect(PersonName.key("Mary-Jane O'Neil") == "mary-jane-o-neil")
        #expect(PersonName.key("Carl Russo") == Slug.make("Carl Russo"))
        #expect(PersonName.key("王伟") == "王伟")
        #expect(PersonName.key("王伟") != PersonName.key("汪伟"))
        #expect(Slug.make("王伟") == Slug.make("汪伟"))
        for nameless in ["", "  ", "--", "🚀", "(.)"] { #expect(PersonName.key(nameless).isEmpty, "\(nameless)") }
    }

    @Test func asciiBytesAgreeWithFoldingOnEveryShortText() {
        let alphabet = Array("aZ9 &-.,'/()_\t!".unicodeScalars)
        var texts = alphabet.map { String($0) }
        for first in alphabet {
            for second in alphabet {
                for third in alphabet { texts.append(String(String.UnicodeScalarView([first, second, third]))) }
            }
        }
        texts += (0..<128).map { "a\(Character(Unicode.Scalar(UInt8($0))))b" }
        // Around the 80-byte cut: a separator or an ampersand just before, at or after it.
        for length in 76...84 {
            for tail in ["", "-", " x", "&y", " & z", "--q"] { texts.append(String(repeating: "w", count: length) + tail) }
            texts.append(String(repeating: "ab ", count: length / 3) + "&")
        }
        for text in texts {
            #expect(Slug.ascii(text) == Slug.folded(text), "\(text.debugDescription)")
            #expect(Slug.make(text) == Slug.folded(text))
        }
    }
}
